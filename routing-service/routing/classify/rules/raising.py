"""The taxonomy's raising rules (升級規則), applied after the conventions table.

A threat to go to regulators, lawyers, the police, journalists or social media, a
complaint made for several customers at once (群體性投訴), or a customer complaining
about the same thing again raises `minor`/`general` to `important`. A customer on the
spot so agitated that violence or a public incident is likely makes it `urgent`; the
category stays that of what they are angry about. A VIP or strategic customer raises
one step (the issue's escalator; the taxonomy leaves the size of the step open).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from routing.classify.rules.lexicon import alt

_REGULATORS = alt(
    "12315", "12345", "消协", "消费者协会", "消委会", "消费者委员会", "市场监管", "市监局", "工商局", "工商部门", "食药监", "食品药品监督", "卫生局",
    "卫生署", "食环署", "质监", "监管部门", "有关部门", "政府", "相关部门", "消费者权益", "海关",
)
_MEDIA = alt(
    "网上", "微博", "抖音", "小红书", "朋友圈", "媒体", "点评", "大众点评", "网络", "论坛", "群里", "facebook", "ig", "youtube",
    "网", "新闻",
)

AGITATED_NOW = re.compile(alt(
    r"(?:要|就|马上|现在|立刻|立即)就?报警", r"报警[!！]", "打110", r"叫警察(?:来)?", r"call(?:ing)? the police",
    r"砸(?:了|烂)?(?:你们|这|店|东西)", "砸店", "要砸", r"(?:要|想)动手", "要打人", "拼命", "同归于尽",
    r"情绪(?:非常|很|特别|十分|极其)?激动", "大吵大闹", "大闹", "闹事", r"威胁(?:店员|员工|要|说)", "扬言",
    r"threaten(?:ing|ed|s)? (?:to (?:hit|hurt|smash|kill|call the police)|staff|the staff|violence)",
    r"going to (?:smash|hit|hurt)", "screaming at", r"losing (?:his|her|my) temper", "kicking off",
    r"(?:再不|不然|否则).{0,12}(?:报警|砸|动手)",
))
THREATENS = re.compile(alt(
    r"(?:投诉|举报|反映|告|反馈|曝光|上报)(?:到|去|给|上)?.{0,8}" + _REGULATORS,
    r"(?:打|拨|找|联系|去|到)(?:了)?.{0,4}" + _REGULATORS,
    r"(?:发|放|贴|传|晒|曝光|分享|写)(?:到|在|上)?.{0,10}" + _MEDIA,
    r"(?:找|叫|告诉|联系|通知|请)(?:了)?.{0,4}(?:记者|媒体|律师|报社|电视台|报纸)",
    r"已经?报(?:了)?警", "报了警", "起诉", "打官司", r"上?法院", "法律途径", "法律责任", "曝光", "差评", "上热搜", "律师",
    "记者", r"(?:called|phoned|reported (?:it |this )?to) the police",
    r"trading standards", r"consumer (?:council|rights|protection|association)", "regulator", "authorities",
    r"health (?:department|inspector)", "environmental health", "ombudsman", "lawyer", "solicitor", "attorney", r"\bsue\b",
    "legal action", r"\bcourt\b", "newspaper", "journalist", "reporter", "the press", "the media", "tv station", "social media",
    r"(?:post|share|put) (?:this|it|a video|photos?|pictures?|the video) (?:online|on)", "facebook", "twitter", "instagram",
    "tiktok", "weibo", "xiaohongshu", "yelp", "tripadvisor", "google review", "bad review", "go viral", r"report (?:you|this) to",
))
GROUP = re.compile(alt(
    "联名", "集体投诉", r"一起(?:来)?投诉", "我们几个", "我们一群", "我们好几个", r"好几(?:个|位|名)(?:顾客|客人|人|街坊|邻居|妈妈)",
    r"多(?:名|位)顾客", r"几(?:位|名)顾客", r"很多(?:顾客|客人|人)都(?:投诉|反映|抱怨|遇到|说|被|买到|吃)",
    r"其他(?:顾客|客人|人)也(?:投诉|反映|抱怨|遇到|说|被|买到|吃)", r"大家都(?:投诉|反映|抱怨|遇到|说|被|买到|吃)",
    r"(?:十几|几十|二十多|好多|一些|很多)(?:个)?(?:人|顾客|街坊|邻居).{0,4}都", "街坊", "邻居们", r"代表.{0,6}(?:顾客|大家|我们|居民)",
    "on behalf of", r"several (?:of us|customers|people)", r"many (?:customers|people) (?:have|are|were)",
    r"other customers (?:have|also|too|were)", "we all", "all of us", r"a (?:group|few) of us", "petition",
    r"(?:customers|people) (?:have been|are) complaining",
))
REPEATED = re.compile(alt(
    r"第[二三四五六七八九十两几2-9]+次(?:来)?(?:投诉|反映|反馈|举报|打电话|来电|提|说|报告|找|联系|讲)",
    r"(?:已经|之前|上次|以前|早就|曾经|都)(?:跟你们|和你们)?(?:投诉|反映|反馈|说|讲|提|报告|打电话|举报)过",
    r"(?:投诉|反映|反馈|说|讲|提)(?:过|了)(?:好几|几|两|三|四|多|很多|无数)次",
    r"(?:多次|屡次|一再|反复|再次|又一次|再一次)(?:投诉|反映|反馈|举报|提|说)", r"上次(?:投诉|反映)", r"又来(?:投诉|反映)",
    r"(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time (?:i(?:'ve| have)? )?(?:complain|report|rais|mention|call|told|contact|writ)",
    r"(?:complained|reported|raised|mentioned|told you|called) (?:about )?(?:this |it )?(?:before|already|twice|three times|several times|multiple times|many times|again)",
    r"already (?:complained|reported|told)", r"(?:reported|complained about) this (?:three|3|two|2|several|many|multiple|four|4) times",
    r"i've reported this", "again and again",
    r"(?:written|wrote|emailed|called|phoned|contacted|told) (?:to )?(?:you|your \w+) (?:about (?:this|it) )?(?:twice|three times|several times|many times|before|already|again)", r"(?:three|3|two|2|several|many|multiple|four|4) times (?:now|already)",
))

PRIORITY_TIERS = frozenset({"vip", "strategic", "key_account", "key"})


@dataclass(frozen=True)
class Raise:
    """One raising rule that applied: why, the words that triggered it, and the floor it sets."""

    rule: str
    term: str
    floor: str


def raises(text: str) -> list[Raise]:
    """The raising rules a normalised text triggers, strongest first."""
    found: list[Raise] = []
    if m := AGITATED_NOW.search(text):
        found.append(Raise("agitated_on_the_spot", m.group(), "urgent"))
    for rule, pattern in (("threat_to_go_public", THREATENS), ("group_complaint", GROUP), ("repeat_complaint", REPEATED)):
        if m := pattern.search(text):
            found.append(Raise(rule, m.group(), "important"))
    return found
