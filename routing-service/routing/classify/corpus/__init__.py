"""The built-in training corpus (訓練語料): generated sentences plus hand-written natural ones.

Generated: templates and retail vocabulary (templates.py, vocabulary.py), one family per
row of the conventions table. Hand-written: natural messages by a second author
(handwritten.py, written/*.txt) for the paraphrases the templates never produce.

Deterministic: the same code always yields the same examples in the same order, so the
built-in model and its version string are reproducible. It never reads the development set.
"""

from __future__ import annotations

import random
import re
from functools import cache

import opencc

from routing.classify.corpus.handwritten import handwritten_examples
from routing.classify.corpus.templates import AGITATION, FAMILIES, NEGATED_SAFETY, POLITE_CLOSERS, POLITE_OPENERS, RAISERS, Family
from routing.classify.corpus.vocabulary import SLOTS
from routing.classify.labels import CATEGORY_ORDER, URGENCY_RANK, Example

SEED = 20240501
FILLS_PER_TEMPLATE = 5
COMBINED = 400
_SLOT = re.compile(r"\{(\w+)\}")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# The taxonomy's own example rows (taxonomy.md), always part of the corpus.
TAXONOMY_EXAMPLES = (
    Example("買的鮮奶打開已經發臭,日期還沒過期,孩子喝了一口就吐了", "safety", "urgent", "complaint", "food_safety", "taxonomy"),
    Example("收银员态度很差,找零还扔在台面上", "service", "general", "complaint", "attitude", "taxonomy"),
    Example("貨架標價 12.9 元,結賬收了 15.9 元,已經第二次了", "product", "important", "complaint", "overcharge", "taxonomy"),
    Example("冷藏區太冷了,建議提供一些購物車毛毯", "environment", "minor", "suggestion", "temperature", "taxonomy"),
    Example("三樓安全出口被紙箱堵住了", "safety", "urgent", "complaint", "fire", "taxonomy"),
    Example("The trolley wheels keep jamming, please fix them", "environment", "minor", "complaint", "facility", "taxonomy"),
    Example("希望會員日活動可以提前在 APP 通知", "other", "minor", "suggestion", "app", "taxonomy"),
    Example("謝謝生鮮區的王師傅幫我挑魚", "service", "minor", "praise", "praise", "taxonomy"),
)


@cache
def _to_traditional(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _fill(template: str, rng: random.Random) -> str:
    return _SLOT.sub(lambda m: rng.choice(SLOTS[m.group(1)]), template)


def _chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def _pick(phrases: tuple[tuple[str, ...], tuple[str, ...]], text: str, rng: random.Random) -> str:
    return rng.choice(phrases[0] if _chinese(text) else phrases[1])


def _sentences(family: Family, rng: random.Random) -> list[str]:
    out: list[str] = []
    for template in family.templates:
        fills = FILLS_PER_TEMPLATE if _SLOT.search(template) else 1
        seen: set[str] = set()
        for _ in range(fills * 3):
            text = _fill(template, rng)
            if text not in seen:
                seen.add(text)
                out.append(text)
            if len(seen) == fills:
                break
    return out


def _vary(text: str, rng: random.Random, complaint: bool) -> str:
    """Politeness around the sentence and the script it is written in, as customers vary them."""
    chinese = _chinese(text)
    roll = rng.random()
    if roll < 0.15:
        opener = rng.choice([o for o in POLITE_OPENERS if _chinese(o) == chinese or not o])
        text = opener + text
    elif roll < 0.3 and complaint:
        closer = rng.choice([c for c in POLITE_CLOSERS if _chinese(c) == chinese or not c])
        text = text + ("," if chinese and closer else "") + closer
    if chinese and rng.random() < 0.4:
        text = _to_traditional(rng.choice(("s2hk", "s2tw"))).convert(text)
    return text


def build_corpus(seed: int = SEED) -> tuple[Example, ...]:
    """Every example of the built-in corpus, labelled by the taxonomy's tables and rules."""
    rng = random.Random(seed)
    examples: list[Example] = list(TAXONOMY_EXAMPLES)
    plain_complaints: list[Example] = []
    for family in FAMILIES:
        for text in _sentences(family, rng):
            urgency = family.urgency
            kind = family.kind
            roll = rng.random()
            plain = roll >= 0.2
            if family.raisable and family.kind == "complaint" and roll < 0.12:
                rule = rng.choice(sorted(RAISERS))
                text = f"{text},{_pick(RAISERS[rule], text, rng)}" if _chinese(text) else f"{text}. {_pick(RAISERS[rule], text, rng)}"
                urgency = max(urgency, "important", key=URGENCY_RANK.__getitem__)
            elif family.raisable and family.kind == "complaint" and family.category != "safety" and roll < 0.16:
                text = f"{_pick(AGITATION, text, rng)}{',' if _chinese(text) else ' '}{text}"
                urgency = "urgent"
            elif family.category != "safety" and family.kind == "complaint" and roll < 0.2:
                prefix = rng.choice(NEGATED_SAFETY)
                if _chinese(prefix) == _chinese(text):
                    text = prefix + text
            example = Example(_vary(text, rng, kind == "complaint"), family.category, urgency, kind, family.subcategory)
            examples.append(example)
            if kind == "complaint" and plain:
                plain_complaints.append(example)
    for _ in range(COMBINED):
        first, second = rng.sample(plain_complaints, 2)
        if _chinese(first.text) != _chinese(second.text):
            continue
        top = max((first, second), key=lambda e: (URGENCY_RANK[e.urgency], -CATEGORY_ORDER.index(e.category)))
        joiner = rng.choice((",而且", ",还有", "。另外") if _chinese(first.text) else (". Also, ", " and ", ". On top of that, "))
        examples.append(Example(first.text + joiner + second.text, top.category, top.urgency, "complaint", top.subcategory))
    examples.extend(handwritten_examples())
    return tuple(dict.fromkeys(examples))
