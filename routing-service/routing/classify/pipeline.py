"""classify(): the taxonomy's rules where they are specific, the statistical model otherwise, safety never lowered.

1. Normalise (OpenCC, Cantonese, half-width) so every script reads alike.
2. The rules (conventions table, negation, time, kinds) give labels with the terms
   that decided them; high-recall safety rules set a floor nothing may lower.
3. The statistical model labels what the rules leave open: category and urgency as one
   pair from its joint `situation` head, consistent with whatever the rules did fix.
   Urgency is not a plain argmax: when P(urgent) ≥ params["urgent_at"] the model's best
   urgent pair is taken (a missed urgent case costs far more than a false alarm).
   Where a specific non-safety rule decided, the model may *escalate*: a more urgent pair
   wins when p ≥ params["escalate_at"] (or P(urgent) ≥ params["urgent_at"] for an urgent
   one), so a "goods defect" rule on "the baby-food seal was already broken" does not hide
   a food safety case. It replaces a rule's labels outright only when p ≥
   params["override_at"], and the rules' kind when p ≥ params["kind_override_at"].
   The thresholds were chosen by cross-validation on the hand-written corpus (never on
   the development or held-out sets). Nothing here touches the safety floor.
   A staff correction the model remembers wins over both (but not over the safety floor).
4. The raising rules (threats, group and repeat complaints, agitation, VIP) only raise.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Sequence
from functools import cache

import numpy as np
import opencc
from scipy import sparse

from routing.classify import rules as rule_modules
from routing.classify.corpus import build_corpus
from routing.classify.labels import HEADS, URGENCY_RANK, Classification, Reason
from routing.classify.model import SITUATION, Model, train
from routing.classify.rules import Verdict, judge, raise_urgency
from routing.classify.rules.kinds import PRAISE
from routing.classify.text import normalise, retail_words, words

_MAX_THEMES = 5
_NEGATIVE = re.compile(
    r"差|脏|臭|慢|坏|贵|失望|生气|愤怒|气死|恶心|垃圾|投诉|不满|糟糕|离谱|过分|无语|烂|骗|坑|危险|吓|痛|"
    r"(?<![a-z])(?:bad|terrible|awful|horrible|disgusting|dirty|rude|slow|broken|angry|furious|disappointed|worst|unacceptable"
    r"|ridiculous|dangerous|complain)(?![a-z])"
)


def _rules_version() -> str:
    """A digest of every pattern and table the rules use: it changes whenever the rules do."""
    digest = hashlib.sha256()
    for module in (rule_modules.situations, rule_modules.raising, rule_modules.kinds, rule_modules.matching):
        for name in sorted(vars(module)):
            value = getattr(module, name)
            if isinstance(value, re.Pattern):
                digest.update(f"{name}={value.pattern}".encode())
    for situation in rule_modules.SITUATIONS:
        digest.update(repr((situation.name, situation.category, situation.subcategory, situation.urgency, situation.terms,
                            situation.own, situation.needs_own, situation.rivals, situation.not_after, situation.tense,
                            situation.kind, situation.raise_if, situation.raise_to, situation.problem,
                            situation.yields_to, situation.decides)).encode())
    spelling = importlib.import_module("routing.classify.text.normalise")
    digest.update(repr((sorted(spelling._CANTONESE.items()), sorted(spelling._VARIANTS.items()))).encode())
    return "r" + digest.hexdigest()[:8]


RULES_VERSION = _rules_version()


@cache
def builtin_model() -> Model:
    """The model trained on the built-in corpus, trained once per process on first use (a few seconds)."""
    return train(build_corpus())


@cache
def _traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2hk")


def classifier_version(model: Model) -> str:
    """Rules and model together: `r<rules digest>.m<model digest>`."""
    return f"{RULES_VERSION}.{model.version}"


@cache
def _feature_names(model: Model) -> list[str]:
    return model.feature_names


def _top_features(model: Model, x_row: sparse.csr_matrix, head: str, label: str, n: int = 3) -> tuple[str, ...]:
    """The features that pushed the model most towards its label: the model's deciding terms."""
    if head not in model.heads:  # category or urgency of a joint model: the pair's own weights
        head, label = SITUATION, label
    h = model.heads[head]
    row = h.classes.index(label) if len(h.classes) > 2 else 0
    sign = -1.0 if len(h.classes) == 2 and row == 0 and label == h.classes[0] else 1.0
    contributions = x_row.data * h.coef[row, x_row.indices] * sign
    order = np.argsort(-contributions)[:n]
    names = _feature_names(model)
    return tuple(dict.fromkeys(names[x_row.indices[i]].removeprefix("w:") for i in order if contributions[i] > 0))


def _themes(text: str, verdict: Verdict) -> tuple[str, ...]:
    found = list(verdict.themes)
    store_words = retail_words()
    for word in words(text):
        if word in store_words:
            found.append(_traditional().convert(word))
    return tuple(dict.fromkeys(found))[:_MAX_THEMES]


def _sentiment(text: str, kind: str, urgency: str) -> float:
    """Lexicon polarity (-1..1): praise words against complaint words, leaning on what the text is."""
    positive = len(PRAISE.findall(text))
    negative = len(_NEGATIVE.findall(text))
    base = {"praise": 0.6, "suggestion": 0.0, "inquiry": 0.0, "complaint": -0.3}[kind]
    score = base + 0.2 * (positive - negative) - 0.15 * max(0, URGENCY_RANK[urgency] - 1) - 0.05 * text.count("!")
    return round(max(-1.0, min(1.0, score)), 2)


def classify(
    text: str,
    *,
    channel: str | None = None,
    kind_hint: str | None = None,
    customer_tier: str | None = None,
    model: Model | None = None,
) -> Classification:
    """Labels for one feedback text (category, subcategory, urgency, kind, sentiment, theme words, confidence)."""
    return classify_many([text], channels=[channel], kind_hints=[kind_hint], customer_tiers=[customer_tier], model=model)[0]


def classify_many(
    texts: Sequence[str],
    *,
    channels: Sequence[str | None] | None = None,
    kind_hints: Sequence[str | None] | None = None,
    customer_tiers: Sequence[str | None] | None = None,
    model: Model | None = None,
) -> list[Classification]:
    """Classify a batch (one model pass for all texts); same results as calling `classify` on each."""
    model = model or builtin_model()
    normalised = [normalise(t) for t in texts]
    if empty := [i for i, t in enumerate(normalised) if not t]:
        raise ValueError(f"text is empty at position {empty[0]}")
    x = model.vectorise(normalised)
    probabilities = model.all_probabilities(normalised, x)
    hints = kind_hints or [None] * len(texts)
    tiers = customer_tiers or [None] * len(texts)
    version = classifier_version(model)
    return [
        _decide(normalised[i], probabilities[i], x.getrow(i), model, hints[i], tiers[i], version)
        for i in range(len(texts))
    ]


def _model_pair(probs: dict[str, dict[str, float]], category: str | None, urgency: str | None) -> tuple[str, str, float]:
    """The model's most likely (category, urgency) among the pairs that agree with what the rules fixed."""
    if SITUATION in probs:
        pairs = {tuple(k.split("|")): p for k, p in probs[SITUATION].items()}
    else:  # a format-1 model: separate heads, taken as independent
        pairs = {(c, u): pc * pu for c, pc in probs["category"].items() for u, pu in probs["urgency"].items()}
    allowed = {k: p for k, p in pairs.items() if category in (None, k[0]) and urgency in (None, k[1])}
    if not allowed:  # the rules fixed a pair the model never saw: take each label on its own
        c = category or max(probs["category"], key=probs["category"].__getitem__)
        u = urgency or max(probs["urgency"], key=probs["urgency"].__getitem__)
        return c, u, probs["category"].get(c, 0.0) * probs["urgency"].get(u, 0.0)
    (c, u), p = max(allowed.items(), key=lambda kv: kv[1])
    total = sum(allowed.values())
    return c, u, p / total if total else 0.0


def _urgent_reading(probs: dict[str, dict[str, float]], threshold: float, category: str | None) -> tuple[str, str, float] | None:
    """The model's best urgent pair when P(urgent) reaches `threshold`: missing an urgent case costs far more
    than a supervisor's look at a false alarm, so urgency is not left to a plain argmax."""
    if SITUATION not in probs or probs["urgency"].get("urgent", 0.0) < threshold:
        return None
    urgent = {k: p for k, p in probs[SITUATION].items() if k.endswith("|urgent") and category in (None, k.split("|")[0])}
    if not urgent:
        return None
    pair = max(urgent, key=urgent.__getitem__)
    c, u = pair.split("|")
    return c, u, probs["urgency"]["urgent"]


def _decide(
    text: str,
    probs: dict[str, dict[str, float]],
    x_row: sparse.csr_matrix,
    model: Model,
    kind_hint: str | None,
    customer_tier: str | None,
    version: str,
) -> Classification:
    verdict = judge(text, kind_hint=kind_hint)
    reasons = list(verdict.reasons)
    labels: dict[str, str] = {}
    confidence: dict[str, float] = {}
    rule_base = 0.95 if verdict.category == "safety" else 0.85
    if verdict.kind in ("praise", "inquiry") and verdict.category is None and not verdict.problems:
        verdict.urgency = "minor"  # praise and plain questions are minor unless they report a problem (taxonomy)
    model_kind = max(probs["kind"], key=probs["kind"].__getitem__)
    kind_override_at = float(model.params.get("kind_override_at", 1.01))
    if verdict.kind is not None and not (kind_hint is None and model_kind != verdict.kind
                                         and probs["kind"][model_kind] >= kind_override_at):
        labels["kind"] = verdict.kind
        confidence["kind"] = 0.5 * rule_base + 0.5 * max(probs["kind"].get(verdict.kind, 0.0), rule_base if verdict.kind == model_kind else 0.0)
    else:
        labels["kind"] = model_kind
        confidence["kind"] = probs["kind"][model_kind]
        terms = _top_features(model, x_row, "kind", model_kind)
        reasons.append(Reason("model.kind", terms, f"kind={model_kind} by the statistical model (p={probs['kind'][model_kind]:.2f})"))
    if labels["kind"] == "praise" and verdict.category is None:
        verdict.urgency = "minor"  # praise is minor unless it reports a problem the rules found
    escalate_at = float(model.params.get("escalate_at", 1.01))
    override_at = float(model.params.get("override_at", 1.01))
    urgent_at = float(model.params.get("urgent_at", 1.01))
    best_c, best_u, best_p = _model_pair(probs, None, None)
    if best_u != "urgent" and (reading := _urgent_reading(probs, urgent_at, None)):
        best_c, best_u, best_p = reading
    if verdict.category is not None and verdict.urgency is not None:
        labels["category"], labels["urgency"] = verdict.category, verdict.urgency
        for head in ("category", "urgency"):
            value = labels[head]
            model_label = best_c if head == "category" else best_u
            confidence[head] = 0.5 * rule_base + 0.5 * max(probs[head].get(value, 0.0), rule_base if value == model_label else 0.0)
        if verdict.floor is None and (best_c, best_u) != (verdict.category, verdict.urgency):
            # the rules' urgency after their own raising rules: the model learnt raised labels too
            ruled = verdict.urgency if labels["kind"] == "praise" else raise_urgency(verdict.urgency, text, customer_tier=customer_tier)[0]
            more_urgent = URGENCY_RANK[best_u] > URGENCY_RANK[ruled]
            sure_enough = best_p >= (min(escalate_at, urgent_at) if best_u == "urgent" else escalate_at)
            if (more_urgent and sure_enough) or best_p >= override_at:
                labels["category"], labels["urgency"] = best_c, best_u
                confidence["category"] = confidence["urgency"] = best_p
                terms = _top_features(model, x_row, SITUATION if SITUATION in model.heads else "urgency",
                                      f"{best_c}|{best_u}" if SITUATION in model.heads else best_u)
                step = "escalated" if more_urgent else "replaced"
                reasons.append(Reason(f"model.{step}", terms,
                                      f"category={best_c}, urgency={best_u} by the statistical model (p={best_p:.2f}) "
                                      f"over the rule's {verdict.category}/{verdict.urgency}"))
    else:
        c, u, p = _model_pair(probs, verdict.category, verdict.urgency)
        if u != "urgent" and verdict.urgency is None and (reading := _urgent_reading(probs, urgent_at, verdict.category)):
            c, u, p = reading
        labels["category"], labels["urgency"] = c, u
        for head, value in (("category", c), ("urgency", u)):
            if getattr(verdict, head) is not None:
                confidence[head] = 0.5 * rule_base + 0.5 * probs[head].get(value, 0.0)
                continue
            confidence[head] = p
            terms = _top_features(model, x_row, head, f"{c}|{u}" if SITUATION in model.heads else value)
            reasons.append(Reason(f"model.{head}", terms, f"{head}={value} by the statistical model (p={probs[head][value]:.2f})"))
    subcategory = (verdict.subcategory if labels["category"] == verdict.category else None) or "general"
    if remembered := model.memory.get(text):
        labels["category"], labels["urgency"], labels["kind"] = remembered
        subcategory = verdict.subcategory if verdict.category == remembered[0] and verdict.subcategory else "general"
        confidence = dict.fromkeys(HEADS, 1.0)
        reasons.append(Reason("correction", (text,), "labels as corrected by staff for this text"))
    if labels["kind"] == "praise" and verdict.category is None:
        labels["urgency"] = "minor"
    if labels["kind"] != "praise":
        labels["urgency"], raised = raise_urgency(labels["urgency"], text, customer_tier=customer_tier)
        reasons.extend(raised)
    if verdict.floor is not None:
        floor_category, floor_urgency = verdict.floor
        if URGENCY_RANK[labels["urgency"]] < URGENCY_RANK[floor_urgency] or (
            labels["category"] != floor_category and URGENCY_RANK[labels["urgency"]] <= URGENCY_RANK[floor_urgency]
        ):
            labels["category"] = floor_category
            labels["urgency"] = max(labels["urgency"], floor_urgency, key=URGENCY_RANK.__getitem__)
            subcategory = verdict.subcategory or subcategory
            reasons.append(Reason("safety.floor", (), f"a safety rule fixed category={floor_category}, urgency≥{floor_urgency}"))
    return Classification(
        category=labels["category"],  # type: ignore[arg-type]
        subcategory=subcategory,
        urgency=labels["urgency"],  # type: ignore[arg-type]
        kind=labels["kind"],  # type: ignore[arg-type]
        sentiment=_sentiment(text, labels["kind"], labels["urgency"]),
        theme_words=_themes(text, verdict),
        confidence=round(min(confidence.values()), 3),
        explanation=tuple(reasons),
        classifier_version=version,
    )
