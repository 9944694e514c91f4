"""Retraining from staff corrections: a new version, scored against the active recipe on held-out data."""

from routing.classify import Example, classify, retrain

CORRECTION = Example("门口那个大型充气拱门挡住了一半的路", "environment", "minor", "complaint")


def test_retrained_version_learns_the_correction_and_is_scored() -> None:
    result = retrain([CORRECTION])

    assert classify(CORRECTION.text, model=result.model).category == "environment"
    assert result.held_out == result.candidate.examples == result.active.examples > 0
    assert result.activate == result.candidate.no_worse_than(result.active)
    assert result.model.version == retrain([CORRECTION]).model.version
