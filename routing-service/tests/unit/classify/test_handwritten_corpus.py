"""The hand-written training corpus: taxonomy labels only, and none of the evaluation sets' texts."""

from pathlib import Path

import pytest

from routing.classify import build_corpus, load_examples
from routing.classify.corpus.handwritten import handwritten_examples, parse
from routing.classify.text import normalise


def test_header_labels_every_line_below_it() -> None:
    examples = parse("# a comment\n[safety urgent complaint food_safety]\n牛奶臭咗\nthe milk is off\n[other minor inquiry]\n幾點關門?\n")

    assert [(e.text, e.category, e.urgency, e.kind, e.subcategory) for e in examples] == [
        ("牛奶臭咗", "safety", "urgent", "complaint", "food_safety"),
        ("the milk is off", "safety", "urgent", "complaint", "food_safety"),
        ("幾點關門?", "other", "minor", "inquiry", None),
    ]


@pytest.mark.parametrize("text", ["[safety dangerous complaint]\n牛奶臭咗\n", "牛奶臭咗\n", "[safety urgent]\n牛奶臭咗\n"])
def test_unknown_labels_or_missing_header_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="line"):
        parse(text)


def test_handwritten_sentences_are_in_the_built_in_corpus() -> None:
    written = handwritten_examples()

    assert len(written) >= 1500
    assert set(written) <= set(build_corpus())


def test_no_evaluation_text_is_in_the_handwritten_corpus(hand_sets: dict[str, Path]) -> None:
    trained = {normalise(e.text) for e in handwritten_examples()}
    evaluation_files = [*hand_sets.values(), next(iter(hand_sets.values())).parent / "heldout.jsonl"]

    leaked = [e.text for path in evaluation_files for e in load_examples(path) if normalise(e.text) in trained]

    assert leaked == []
