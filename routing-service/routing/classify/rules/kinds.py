"""What the customer is doing: complaining (投訴), suggesting (建議), praising (表揚) or asking (諮詢).

The taxonomy's settled cases: a question that reports a fault is a complaint; a plain
request for information is an inquiry; a polite "could you" around an incident is a
complaint, while proposing something new is a suggestion; thanks that mention a past
safety incident are praise; thanks for a problem already put right are praise.
"""

from __future__ import annotations

import re

from routing.classify.rules.lexicon import STAFF, alt

PRAISE = re.compile(alt(
    "谢谢", "感谢", "多谢", "表扬", "点赞", "赞", "好评", "非常好", "很好", "真好", "太好了", "很棒", "好棒", "真棒", "优秀", "满意",
    "贴心", "热情", "耐心", "周到", "专业", "尽责", "负责任", "给力", "辛苦了", "好人", "好吃", "新鲜", "合理", "有礼貌", "划算", "实惠", "便宜", "好甜", "很甜", "有创意", "开心", "喜欢", "值得", "服务好", "服务很好", "感动", "及时",
    "thank", "thanks", "great", "excellent", "amazing", "wonderful", "brilliant", "fantastic", "lovely", "love", "loved", "kind",
    "helpful", "friendly", "well done", "kudos", "appreciate", "impressed", "the best", "delicious", "fresh", "crisp", "awesome",
    "perfect", "patient", "compliments?", "grateful", "lifesaver", "superb", "outstanding",
    "棒", "感恩", r"辛苦(?:了|你们|晒|哂)", r"态度(?:很|非常|特别|超|真|挺)?好(?!差|烂|恶劣|凶|冷|坏)", "热心", "细心", "用心", "认真", "高效", "效率高", "迅速", "干净",
    "整洁", "舒服", "舒适", r"方便(?!面)", "不错", "挺好", "真好", "推荐", "会再来", "还会再来", "下次还来", "物美价廉",
    "nice", "good job", "appreciated", "pleasant", "happy with", "spotless", "efficient", "top notch", "cheers",
))
_PRAISE_NEGATED = re.compile(r"(?:不|没|没有|不是很|不太|不够|not|n't|never|no)\s?(?:\w+\s)?$")
_POLITE_TAIL = re.compile(
    r"[,，.。!！\s]*(?:请尽快处理|请处理|麻烦了|麻烦你们|谢谢你们|谢谢|多谢|感谢|thanks?(?: you)?(?: very much)?|thank you|cheers)[!！。.\s]*$"
)
RESOLVED = re.compile(alt(
    r"已经?(?:解决|修好|处理好|处理了|换了|退了|弄好|搞定|改善|改正|补上|修理好|退款|赔)", "问题解决", "解决了", "修好了", "处理得",
    "fixed", "sorted", "resolved", "replaced", "refunded", "put right", "dealt with",
))
STRONG_SUGGESTION = re.compile(alt(
    "建议", r"希望(?!改善|改进|注意|处理|解决|尽快|重视|跟进|你们能?重视|能?改善|能?处理|能?解决)", "最好", "如果能", "要是能",
    "要是有", "不如", "提议", r"应该(?:增加|多|设|提供)", r"请(?:增加|多|引进|延长|提供)",
    r"(?:would|'d) be (?:\w+ )?(?:great|nice|good|helpful|lovely|wonderful|useful|better)", r"i suggest", "suggest",
    "suggestion", "recommend", r"please (?:add|consider|stock|install|provide|do more)", "why not", "you should", "i wish",
    "how about", "would love", r"maybe (?:you could|offer|add|provide|have)",
))
SUGGESTS = re.compile(alt(
    STRONG_SUGGESTION.pattern, "能不能", "能否", "可不可以", "可否", "是否可以", r"could you (?:please )?(?:add|consider|stock|open|install|provide)",
    r"can you (?:please )?(?:add|stock|open|install|provide)", r"please open",
))
INFO_REQUEST = re.compile(alt(
    r"想(?:申请|知道|了解|查看|调|问|确认)", r"申请(?:查看|调取|调看)", r"调(?:取|看)?(?:监控|录像|cctv)", r"查看?(?:监控|录像)",
    r"(?:监控|录像|cctv).{0,8}(?:吗|\?|？|能不能|可不可以|可以)", r"想问(?:一下|下)?", "问一下",
    r"(?:医药费|费用|赔偿|损失|责任)[^,，。?？]{0,4}谁负责|谁负责[^,，。?？]{0,4}(?:医药费|费用|赔偿)", r"怎么(?:赔|索赔|申请|报销)", r"如何(?:赔|处理|索赔|申请|报销)", r"可以(?:查|调|提供|告诉|帮我查)", r"能否(?:提供|查|调)",
    r"request (?:the |a )?(?:cctv|footage|copy|report)", r"(?:see|get|view) (?:the )?(?:cctv|footage)", r"who (?:is responsible|pays|will pay)",
    r"how (?:do|can) i (?:claim|get|request|apply)", r"i'd like to (?:know|request|see)", "could you tell me",
))
DIRECTED_THANKS = re.compile(
    rf"(?:谢谢|感谢|多谢|表扬|点赞|thanks? (?:to|you)|grateful)[^。!?！？]{{0,16}}{STAFF}"
    rf"|{STAFF}[^。!?！？]{{0,40}}(?:谢谢|感谢|多谢|thank|尽责|负责|及时|很好|真好|很棒|好人|给力|专业|热情|耐心|helpful|great|amazing|quick|brave)"
)
PEOPLE_PRAISE = re.compile(alt(
    "谢谢", "感谢", "多谢", "表扬", "贴心", "热情", "耐心", "周到", "专业", "尽责", "负责任", "给力", "辛苦了", "好人", "服务好",
    "服务很好", "感动", "及时", "有礼貌", "主动", "thank", "thanks", "kind", "helpful", "friendly", "well done", "kudos", "patient", "grateful",
    "polite", "lifesaver",
))


_POLITE_REQUEST = re.compile(
    r"(?:请|麻烦|希望).{0,8}(?:处理|跟进|解决|回复|改善|看看)[,，!！。\s]*(?:谢谢|多谢|感谢)(?:你们|您)?"
    r"|please (?:look into|sort|deal with|fix|check)[^.!]{0,30}[.,!]?\s*(?:thanks|thank you)"
)
_HEARTFELT = re.compile(r"(?:非常|十分|万分|真的|太|好|很|衷心|特别|真心|so much|very much|really)\s*$")


COMPLAINING_QUESTION = re.compile(alt(
    "为什么", "为何", "凭什么", "难道", "到底", r"怎么(?:会|能|可以|这么|那么|还|又|老是|总是|搞的|回事)", "什么意思", "有没有搞错",
    "搞什么", r"(?:还要|要)等(?:多久|到什么时候)", r"出(?:了)?事(?:了)?谁负责", "是不是.{0,6}(?:坏|过期|有问题|不能)", "why", "how come", "what's going on",
    r"how is (?:this|that) (?:acceptable|ok|allowed)", "is this acceptable", "seriously", "how many times", "what happened to",
))
COMPLAINING_TONE = re.compile(alt(
    "差", "脏", "臭", "慢", "坏", "贵", "失望", "生气", "愤怒", "气死", "恶心", "垃圾", "投诉", "不满", "糟糕", "离谱", "过分", "无语",
    "烂", "骗", "坑", "不合理", "太差", "不行", "不好", r"(?:太|很|好|真|超)麻烦", "乱", "难(?!道)", r"太\S{1,2}了", "bad", "terrible", "awful", "horrible",
    "disgusting", "dirty", "rude", "slow", "broken", "angry", "furious", "disappointed", "worst", "unacceptable", "ridiculous",
    "complain", "poor", "not happy", "fed up",
))


def complains(text: str) -> str | None:
    """A question that is really a complaint ("為什麼又沒貨?") or a plainly unhappy tone."""
    m = COMPLAINING_QUESTION.search(text) or COMPLAINING_TONE.search(_without_manners(text))
    return m.group() if m else None


def _without_manners(text: str) -> str:
    """The text without polite formulas: "请尽快处理,谢谢" and a bare closing "谢谢" are manners, not praise.

    A heartfelt closing ("真的非常感谢") stays: it is praise.
    """
    body = _POLITE_REQUEST.sub(lambda m: " " * len(m.group()), text)
    tail = _POLITE_TAIL.search(body)
    if tail and not _HEARTFELT.search(body[:tail.start() + len(tail.group()) - len(tail.group().lstrip(",，.。!！ "))]):
        body = body[:tail.start()]
    return body


def praises(text: str) -> str | None:
    """The praise term in a text, ignoring negated praise ("不新鲜") and polite formulas."""
    body = SUGGESTS.sub(lambda m: " " * len(m.group()), _without_manners(text))  # "it would be great to have" is not praise
    for m in PRAISE.finditer(body):
        if not _PRAISE_NEGATED.search(body[max(0, m.start() - 6):m.start()]):
            return m.group()
    return None


def thanks_staff(text: str) -> str | None:
    """Thanks aimed at staff ("感謝保安..."), which make a past incident a praise rather than a complaint."""
    m = DIRECTED_THANKS.search(_without_manners(text))
    return m.group() if m else None


def resolved(text: str) -> str | None:
    m = RESOLVED.search(text)
    return m.group() if m else None


ASKS = re.compile(alt("请问", "想问", "问一下", "问下", "咨询", "could you tell me", "i'd like to know", "can you tell me"))


def suggests(text: str, strong_only: bool = False) -> str | None:
    """A suggestion cue, unless the text is plainly a question ("请问能不能寄存?" asks, it does not propose).

    "能不能 X?" alone may be a question; only "建议/希望/it would be nice" propose by themselves.
    """
    m = (STRONG_SUGGESTION if strong_only else SUGGESTS).search(text)
    return m.group() if m and not ASKS.search(text) else None


def requests_information(text: str) -> str | None:
    m = INFO_REQUEST.search(text)
    return m.group() if m else None
