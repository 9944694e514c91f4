"""Finding situations in a normalised text: terms, negation (否定), nearby objects, and time.

"沒有受傷" is not an injury; "火爆的促銷" is not a fire (no fire term matches it);
a smell is rule F when food is the nearest object and hygiene when the toilets are;
an injury reported afterwards with the hazard gone is `important`, one happening now
is `urgent`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from routing.classify.rules.lexicon import alt
from routing.classify.rules.raising import REPEATED
from routing.classify.labels import URGENCY_RANK
from routing.classify.rules.situations import SITUATIONS, Situation

WINDOW = 16
"""How far (characters, same sentence) an object may be from a term to count as what it is about."""

# sentences end at stops, and at connectors that start another matter ("..., 还有 ...", "... Also, ...")
_SENTENCE_END = re.compile(
    r"[。!?！？;；\n]|(?<=[a-z])\.(?:\s|$)|还有|而且|另外|此外|(?<![a-z])(?:also|on top of that|another thing)(?![a-z])"
)
_CLAUSE_BREAK = re.compile(
    r"[,，、:：;；。!?！？\n]|但是|但|不过|可是|只是|就是|然而|而且|(?<![a-z])(?:but|however|although|though|and)(?![a-z])"
)
# "是不是坏了?" and "有没有过期?" ask, they do not deny
_NEGATED_ZH = re.compile(
    r"(?:(?<!有)没有|(?<!有)没|无|未|并未|从未|(?<!是)不是|不算|不曾|毫无|并非|不会|无人|(?<!有)没人|别再)[^,，。!?！？;；就才却便又]{0,3}$"
)
_NEGATED_EN = re.compile(
    r"(?<![a-z])(?:no|not|never|nobody|none|without|nothing|neither|nor|no one|noone|isn't|wasn't|weren't|aren't"
    r"|didn't|doesn't|don't|hasn't|haven't|hadn't|won't)(?:\W+[a-z]+){0,3}\W*$"
)

PAST = re.compile(alt(
    "昨天", "前天", "昨晚", "上周", "上星期", "上礼拜", "上个月", "上次", "之前", "以前", "前几天", "几天前", "那天", "当时",
    "去年", "早前", "前阵子", "上回", "上个星期", "那次",
    r"last (?:week|month|time|night|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)",
    "yesterday", "the other day", r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    r"上(?:个)?(?:周|星期|礼拜)[一二三四五六日天]", r"(?:\d+|a|one|two|three|a few|few|a couple of|couple of|several) (?:days?|weeks?|months?) ago",
    r"earlier this (?:week|month)", "back in",
))
GONE = re.compile(alt(
    r"已经?(?:处理|清理|修好|修复|收拾|解决|拿走|移走|搬走|擦干|拖干|清走|弄好|好了|康复|出院|没事|放回|放好|扶正|固定|摆好|清除|搬开)",
    r"现在(?:没事|好了|已经)", r"后来.{0,6}(?:好了|处理|修)",
    r"(?:has|have|had) been (?:fixed|cleaned|removed|sorted|repaired|cleared|tidied)", r"(?:is|was) (?:fixed|cleaned up|sorted) now",
    "no longer", "all fine now", "recovered", "put back",
))
NOW = re.compile(alt(
    "刚才", "刚刚", "正在", "还在", "仍然", "仍在", "依然", "一直在", "快来", "快派", "快点来", "快点派", "马上", "赶紧", "赶快", "立即",
    "立刻", r"(?<!到)现在还", "现在就", r"(?<!正)在(?:偷|撬|拿|抢|打|跟)", r"现在(?:有|在)", r"还没(?:有)?(?:人)?(?:处理|清理|修|收拾|捡|拿走|来|走)", r"没(?:有)?人(?:处理|清理|捡|收拾|管)",
    "还是", "没走远", "就在", "right now", "just now", "still", "currently", "at the moment", r"minutes? ago", "come quickly",
    "hurry", "asap", "immediately", r"just (?:\w+ed|took|stole|grabbed|ran)", r"send (?:someone|security|help|a guard)", "please help",
))


_EARLIER_COMPLAINT = re.compile(f"(?:{PAST.pattern})?.{{0,2}}(?:{REPEATED.pattern})")


@dataclass(frozen=True)
class Hit:
    """A situation found in the text, with the term that revealed it and its urgency after time is weighed."""

    situation: Situation
    term: str
    urgency: str
    past: bool = False
    raised_by: str | None = None
    sentence: tuple[int, int] = (0, 0)

    @property
    def name(self) -> str:
        return self.situation.name


@dataclass(frozen=True)
class Finding:
    """Everything the rules read from one text: hits, and the terms they set aside as negated."""

    hits: tuple[Hit, ...]
    negated: tuple[str, ...]


def _span_of(text: str, start: int, end: int, boundary: re.Pattern[str]) -> tuple[int, int]:
    left = 0
    for m in boundary.finditer(text, 0, start):
        left = m.end()
    right_match = boundary.search(text, end)
    return left, right_match.start() if right_match else len(text)


def _nearest(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int] | None:
    """(distance, -length) of the nearest object of a class within the sentence window; the longer name wins a tie."""
    s_left, s_right = _span_of(text, start, end, _SENTENCE_END)
    window = WINDOW * 3 if text[start:end].isascii() else WINDOW  # English words are longer
    best: tuple[int, int] | None = None
    for m in pattern.finditer(text[s_left:s_right]):
        a, b = m.start() + s_left, m.end() + s_left
        if (a, b) == (start, end):
            continue
        if a < end and b > start:
            distance = 0  # the object is part of the term itself ("冰柜漏水" contains 冰柜)
        else:
            distance = start - b if b <= start else a - end
        if distance <= window:
            candidate = (distance, a - b)
            best = candidate if best is None else min(best, candidate)
    return best


def _negated(text: str, start: int) -> bool:
    clause_start, _ = _span_of(text, start, start, _CLAUSE_BREAK)
    prefix = text[clause_start:start]
    return bool(_NEGATED_ZH.search(prefix) or _NEGATED_EN.search(prefix))


def _about_its_objects(situation: Situation, text: str, start: int, end: int) -> bool:
    own = _nearest(situation.own_pattern, text, start, end) if situation.own_pattern else None
    if situation.needs_own and own is None:
        return False
    if situation.rival_pattern:
        rival = _nearest(situation.rival_pattern, text, start, end)
        if rival is not None and (own is None or rival < own):
            return False
    return True


def _timed(situation: Situation, text: str, praise: bool) -> tuple[str, bool]:
    """The urgency once time is weighed: happening now is urgent, afterwards with the hazard gone is important.

    `text` is the sentence of the hit, so "yesterday" in one matter does not date another.
    """
    if situation.tense is None:
        return situation.urgency, False
    text = _EARLIER_COMPLAINT.sub(" ", text)  # "上周已经投诉过" dates the earlier complaint, not this incident
    now = bool(NOW.search(text))
    afterwards = praise or bool(PAST.search(text) or GONE.search(text))
    if situation.tense == "theft":
        return ("urgent", False) if now and not praise else ("important", True)
    if afterwards and not (now and not praise):
        return "important", True
    return situation.urgency, False


def find(text: str, *, praise: bool = False, situations: tuple[Situation, ...] = SITUATIONS) -> Finding:
    """Every situation the normalised text reveals: per situation, its most urgent convincing term."""
    hits: list[Hit] = []
    negated: list[str] = []
    for situation in situations:
        best: Hit | None = None
        for m in situation.pattern.finditer(text):
            start, end = m.span()
            if situation.negatable and _negated(text, start):
                negated.append(m.group())
                continue
            if situation.not_after_pattern and situation.not_after_pattern.search(text[max(0, start - 12):start]):
                negated.append(m.group())
                continue
            if not _about_its_objects(situation, text, start, end):
                continue
            sentence = _span_of(text, start, end, _SENTENCE_END)
            urgency, past = _timed(situation, text[sentence[0]:sentence[1]], praise)
            raised_by = None
            if situation.raise_pattern and (raiser := situation.raise_pattern.search(text)):
                urgency, raised_by = situation.raise_to or urgency, raiser.group()
            hit = Hit(situation, m.group(), urgency, past, raised_by, sentence)
            if best is None or URGENCY_RANK[hit.urgency] > URGENCY_RANK[best.urgency]:
                best = hit
        if best is not None:
            hits.append(best)
    kept = tuple(
        h for h in hits
        if not any(o.name in h.situation.yields_to and o.sentence == h.sentence for o in hits)
    )
    return Finding(kept, tuple(dict.fromkeys(negated)))
