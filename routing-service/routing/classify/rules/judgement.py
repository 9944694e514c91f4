"""The rules' verdict on a text: the most serious situation, the kind, the raising rules.

When a text raises several issues the taxonomy labels the most serious one: highest
urgency first, then safety > product > service > environment > other. The verdict
says which terms decided each label so the explanation can name them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from routing.classify.labels import CATEGORY_ORDER, KINDS, URGENCY_RANK, Reason
from routing.classify.rules import kinds
from routing.classify.rules.lexicon import FOOD, GOODS, PROMOTION, STAFF
from routing.classify.rules.matching import Hit, find
from routing.classify.rules.raising import AGITATED_NOW, PRIORITY_TIERS, THREATENS, raises

_THANKS = re.compile(r"谢|感谢|thank|cheers|grateful")
_PRAISE_TARGETS = (("service", STAFF), ("product", f"{FOOD}|{GOODS}|质量|品种|商品|价钱|价格"), ("other", PROMOTION))


@dataclass
class Verdict:
    """What the rules decided; `None` labels are left to the statistical model."""

    category: str | None = None
    subcategory: str | None = None
    urgency: str | None = None
    kind: str | None = None
    hits: tuple[Hit, ...] = ()
    floor: tuple[str, str] | None = None
    """(category, urgency) a safety rule fixed: nothing may lower it."""
    reasons: list[Reason] = field(default_factory=list)
    negated: tuple[str, ...] = ()

    @property
    def themes(self) -> list[str]:
        return list(dict.fromkeys(h.situation.theme for h in self.hits if h.situation.problem or not self.problems))

    @property
    def problems(self) -> list[Hit]:
        return [h for h in self.hits if h.situation.problem]


def _most_serious(hits: list[Hit]) -> Hit:
    return max(hits, key=lambda h: (URGENCY_RANK[h.urgency], -CATEGORY_ORDER.index(h.situation.category)))


def _praise_target(text: str, praise_term: str) -> tuple[str, str]:
    """Praise of staff is service, of a product is product, of a promotion is other (taxonomy settled cases)."""
    if kinds.PEOPLE_PRAISE.search(praise_term):  # thanks are for people, unless for a promotion
        promotion = re.search(PROMOTION, text)
        return ("other", promotion.group()) if promotion else ("service", praise_term)
    at = text.find(praise_term)
    best: tuple[int, str, str] | None = None
    for category, pattern in _PRAISE_TARGETS:
        for m in re.finditer(pattern, text):
            distance = abs(m.start() - at)
            if best is None or distance < best[0]:
                best = (distance, category, m.group())
    return (best[1], best[2]) if best else ("service", praise_term)


def _kind(text: str, verdict: Verdict, kind_hint: str | None, praise_term: str | None) -> tuple[str | None, Reason | None]:
    problems, hits = verdict.problems, verdict.hits
    proposals = [h for h in hits if h.situation.kind == "suggestion"]
    if kind_hint in KINDS:
        return kind_hint, Reason("kind.given", (kind_hint,), f"kind={kind_hint} as given by the channel")
    resolved = kinds.resolved(text)
    thanked = kinds.thanks_staff(text)
    angry = THREATENS.search(text) or AGITATED_NOW.search(text)
    if resolved and _THANKS.search(text) and not angry and not any(h.situation.safety and not h.past for h in problems):
        return "praise", Reason("kind.praise_for_a_fix", (resolved,), "kind=praise: thanks for a problem already put right")
    if praise_term and (not problems or (thanked and all(h.situation.safety and h.past for h in problems))):
        return "praise", Reason("kind.praise", (praise_term,), "kind=praise")
    if problems:
        asks_more_of_what_is_out = any(h.name.startswith("stock_") for h in problems) and all(
            h.name == "stock_request" for h in proposals
        )
        if proposals and not asks_more_of_what_is_out and (cue := kinds.suggests(text) or proposals[0].term):
            return "suggestion", Reason("kind.suggestion_with_problem", (cue,), "kind=suggestion: proposes something new")
        if info := kinds.requests_information(text):
            return "inquiry", Reason("kind.request_for_information", (info,), "kind=inquiry: asks for information")
        return "complaint", Reason("kind.complaint", (problems[0].term,), "kind=complaint: reports a problem")
    if proposals and not kinds.ASKS.search(text):
        return "suggestion", Reason("kind.suggestion", (proposals[0].term,), "kind=suggestion")
    if cue := kinds.suggests(text, strong_only=True):
        return "suggestion", Reason("kind.suggestion", (cue,), "kind=suggestion")
    if unhappy := kinds.complains(text):
        return "complaint", Reason("kind.complaining", (unhappy,), "kind=complaint: a question or tone that reports a fault")
    if question := next((h for h in hits if h.situation.kind == "inquiry"), None):
        return "inquiry", Reason("kind.inquiry", (question.term,), "kind=inquiry: a question that reports no fault")
    if hits:
        return "complaint", Reason("kind.opinion", (hits[0].term,), "kind=complaint: an opinion on what the store does")
    return None, None


def judge(text: str, *, kind_hint: str | None = None) -> Verdict:
    """The rules' labels for a normalised text, with the reasons that decided them."""
    praise_term = kinds.praises(text)
    finding = find(text, praise=bool(kinds.thanks_staff(text)))
    verdict = Verdict(hits=finding.hits, negated=finding.negated)
    if finding.negated:
        verdict.reasons.append(Reason("negation", finding.negated, "negated terms set aside"))
    kind, kind_reason = _kind(text, verdict, kind_hint, praise_term)
    verdict.kind = kind
    problems = verdict.problems
    safety = [h for h in problems if h.situation.safety]
    if safety:
        top = _most_serious(safety)
        verdict.floor = ("safety", top.urgency)
    if kind == "praise":
        if safety:
            _decide(verdict, _most_serious(safety), note="praise that mentions a safety incident keeps its labels")
        else:
            category, target = ("service", kinds.resolved(text) or "") if kinds.resolved(text) else _praise_target(text, praise_term or "")
            verdict.category, verdict.urgency = category, "minor"
            verdict.subcategory = "praise"
            verdict.reasons.append(Reason("praise.target", (target,), f"category={category}, urgency=minor: praise"))
    elif problems:
        _decide(verdict, _most_serious(problems))
    elif deciding := [h for h in verdict.hits if h.situation.decides]:
        _decide(verdict, _most_serious(deciding))
    elif verdict.hits:  # only generic cues: the kind is known, category and urgency are left to the model
        verdict.reasons.append(Reason("situation.generic", tuple(h.term for h in verdict.hits), "too generic to fix labels"))
    if kind_reason:
        verdict.reasons.append(kind_reason)
    return verdict


def _decide(verdict: Verdict, hit: Hit, note: str = "") -> None:
    situation = hit.situation
    verdict.category, verdict.subcategory, verdict.urgency = situation.category, situation.subcategory, hit.urgency
    effect = f"category={situation.category}, urgency={hit.urgency}"
    if hit.past and situation.tense:
        effect += " (reported afterwards, hazard gone)" if situation.tense == "incident" else " (already happened)"
    if hit.raised_by:
        effect += f" (raised by {hit.raised_by!r})"
    if note:
        effect += f"; {note}"
    verdict.reasons.append(Reason(f"situation.{situation.name}", (hit.term,), effect))


def raise_urgency(urgency: str, text: str, *, customer_tier: str | None = None) -> tuple[str, list[Reason]]:
    """Apply the raising rules to an urgency: they only ever raise it."""
    reasons: list[Reason] = []
    for found in raises(text):
        if URGENCY_RANK[urgency] < URGENCY_RANK[found.floor]:
            urgency = found.floor
            reasons.append(Reason(f"raise.{found.rule}", (found.term,), f"urgency raised to {found.floor}"))
    if customer_tier and customer_tier.lower() in PRIORITY_TIERS and URGENCY_RANK[urgency] < URGENCY_RANK["important"]:
        urgency = {"minor": "general", "general": "important"}[urgency]
        reasons.append(Reason("raise.priority_customer", (customer_tier,), f"urgency raised to {urgency}"))
    return urgency, reasons
