"""One spelling for every script: Traditional, Simplified, Cantonese and English read alike.

The classifier's rules and model only ever see the output of `normalise`: Simplified
Chinese (OpenCC `hk2s`), Cantonese colloquialisms rewritten to Mandarin, half-width
characters, lower-case English. So "冇貨", "沒貨" and "没货" are the same text to them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import opencc

# OpenCC leaves a few Traditional variants that the rules would otherwise have to spell twice.
_VARIANTS = {
    "著火": "着火", "著急": "着急", "著涼": "着凉", "著凉": "着凉", "睡著": "睡着", "衞": "卫", "裏": "里",
    "𠮶": "嗰", "揾": "找", "搵": "找", "黴": "霉",
}

# Cantonese (粵語) written forms → Mandarin, longest first. Only unambiguous forms: a
# character that is also ordinary Mandarin ("食" in 食品, "系" in 系统) is rewritten only
# inside the multi-character forms listed here.
_CANTONESE = {
    # hurt (…親 = got hurt by …)
    "跌亲": "摔伤", "仆亲": "摔伤", "整亲": "弄伤", "撞亲": "撞伤", "辣亲": "烫伤", "㓥亲": "割伤", "𠝹亲": "割伤",
    "夹亲": "夹伤", "跣亲": "滑倒受伤", "跣倒": "滑倒", "跣脚": "滑倒", "跣": "滑", "仆倒": "摔倒", "仆街": "摔倒",
    # food and illness
    "食咗": "吃了", "食左": "吃了", "食完": "吃完", "食到": "吃到", "食落": "吃下", "食亲": "吃坏", "食唔得": "不能吃",
    "唔食得": "不能吃", "食得": "能吃", "食嘢": "吃东西", "肚疴": "拉肚子", "肚痾": "拉肚子", "疴呕": "上吐下泻",
    "屙呕": "上吐下泻", "疴": "拉", "屙": "拉", "呕吐大作": "呕吐", "肚痛": "肚子痛",
    # negation and copula
    "冇晒": "没有了", "有冇": "有没有", "冇": "没有", "系咪": "是不是", "系唔系": "是不是", "唔系": "不是",
    "就系": "就是", "都系": "都是", "真系": "真是", "仲系": "还是", "唔该晒": "谢谢", "多谢晒": "谢谢",
    "唔该": "请", "唔使": "不用", "唔": "不", "未有": "没有",
    # people, places, things
    "佢哋": "他们", "你哋": "你们", "我哋": "我们", "佢": "他", "哋": "们", "嘢": "东西", "啲": "些",
    "呢度": "这里", "呢个": "这个", "呢啲": "这些", "嗰度": "那里", "嗰个": "那个", "嗰": "那", "喺度": "在这里",
    "系度": "在这里", "喺": "在", "边度": "哪里", "边个": "谁", "乜嘢": "什么", "咩": "什么", "乜": "什么",
    "点解": "为什么", "点样": "怎样", "几时": "什么时候", "几多钱": "多少钱", "几钱": "多少钱",
    "差佬": "警察", "报差馆": "报警", "冷气": "空调", "埋单": "结账", "找数": "结账", "俾钱": "付钱", "畀钱": "付钱",
    "雪柜": "冰箱", "士多啤梨": "草莓", "车仔": "手推车", "职员": "员工", "走火通道": "消防通道",
    # time
    "而家": "现在", "依家": "现在", "头先": "刚才", "啱啱": "刚刚", "琴日": "昨天", "寻日": "昨天",
    "听日": "明天", "成日": "经常", "好耐": "很久", "成个钟": "一个小时", "半个钟": "半小时",
    # verbs and qualities
    "咗": "了", "畀": "给", "俾": "给", "睇": "看", "攞": "拿", "嚟": "来", "人执": "人捡", "执走": "捡走", "执好": "收拾好", "冇人理": "没有人理",
    "好冻": "好冷", "太冻": "太冷", "咁冻": "这么冷", "好凍": "好冷", "太凍": "太冷", "又平": "又便宜",
    "好平": "好便宜", "咁平": "这么便宜", "几平": "挺便宜", "咁": "这么", "噉": "这样", "仲": "还", "黑面": "黑脸",
    "嘥": "浪费", "甩晒": "掉光", "甩咗": "掉了", "跌落": "掉下", "打交": "打架", "质素": "质量", "曱甴": "蟑螂", "用唔到": "用不到", "话我": "说我", "成晚": "整晚", "靓": "好", "搞掂": "搞定", "钟意": "喜欢", "帮手": "帮忙", "行唔到": "走不了",
}

_SPACES = re.compile(r"\s+")
# 著 is 着 (-ing, "拿著刀") except in 著名, 顯著, 著作...; OpenCC leaves it as written
_ZHE = re.compile(r"(?<![显名卓土])著(?!名|作|称|述)")
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"), None)
_PARTICLES = re.compile(r"[㗎喎嘞啰囉咋吖啫嘅]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("hk2s")


def _rewrite(text: str, table: dict[str, str]) -> str:
    for source in sorted(table, key=len, reverse=True):
        if source in text:
            text = text.replace(source, table[source])
    return text


def normalise(text: str) -> str:
    """The one form the rules and the model read: Simplified, Mandarin, half-width, lower-case."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = _converter().convert(text)
    text = _rewrite(text, _VARIANTS)
    text = _ZHE.sub("着", text)
    text = text.replace("嘅", "的")
    text = _rewrite(text, _CANTONESE)
    text = _PARTICLES.sub("", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACES.sub(" ", text).strip().lower()
