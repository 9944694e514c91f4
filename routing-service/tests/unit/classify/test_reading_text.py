"""Negation, misleading words, short texts and scripts: what the rules must read right."""

import opencc
import pytest

from routing.classify import classify
from routing.classify import load_examples
from routing.classify.text import normalise
from pathlib import Path


@pytest.mark.parametrize(
    "text",
    ["沒有受傷,就是購物車太舊了", "幸好没有人受伤,只是推车的轮子坏了", "Nobody was hurt, but the trolley wheel is stuck"],
)
def test_negated_injury_is_not_a_safety_case(text: str) -> None:
    result = classify(text)

    assert result.category == "environment"
    assert any("受伤" in t or "hurt" in t for r in result.explanation if r.rule == "negation" for t in r.terms)


def test_negated_injury_does_not_hide_a_hazard_that_is_still_there() -> None:
    result = classify("没有人受伤,不过消防门还是锁着的")

    assert (result.category, result.urgency) == ("safety", "urgent")


def test_date_not_passed_does_not_hide_spoiled_milk() -> None:
    result = classify("日期還沒過期,可是牛奶已經發臭了")

    assert (result.category, result.urgency) == ("safety", "urgent")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("這週火爆的促銷活動真的很划算,讚!", "other"),
        ("火锅底料太贵了", "product"),
        ("火腿肠缺货了", "product"),
        ("店里卖的火龙果好甜", "product"),
        ("店長發火罵員工,顧客都看到了", "service"),
        ("火速处理一下,收银台排了好长的队", "service"),
    ],
)
def test_misleading_fire_words_are_not_a_fire(text: str, category: str) -> None:
    result = classify(text)

    assert result.category == category
    assert all(not r.rule.startswith("situation.fire") for r in result.explanation)


@pytest.mark.parametrize(
    ("text", "category", "urgency"),
    [("冇貨", "product", "general"), ("没货", "product", "general"), ("好臭", "environment", "general"),
     ("排隊好耐", "service", "general"), ("out of stock", "product", "general"), ("太貴", "product", "general")],
)
def test_short_text_is_classified(text: str, category: str, urgency: str) -> None:
    result = classify(text)

    assert (result.category, result.urgency, result.kind) == (category, urgency, "complaint")


def test_cantonese_reads_as_mandarin() -> None:
    assert normalise("有冇人可以幫手?我阿媽喺超市跌親") == "有没有人可以帮忙?我阿妈在超市摔伤"


@pytest.mark.parametrize("config", ["s2hk", "s2tw"])
def test_labels_do_not_depend_on_the_script(config: str, hand_sets: dict[str, Path]) -> None:
    to_traditional = opencc.OpenCC(config)
    texts = [e.text for path in hand_sets.values() for e in load_examples(path) if not e.text.isascii()]

    differing = [
        t for t in texts
        if (a := classify(t), b := classify(to_traditional.convert(t)))
        and (a.category, a.urgency, a.kind) != (b.category, b.urgency, b.kind)
    ]

    assert differing == []
