from datetime import UTC, datetime, timedelta

from routing.assignment.choice import Candidate, choose

EARLIER = datetime(2026, 11, 23, 8, tzinfo=UTC)


def test_the_least_loaded_person_gets_the_case():
    assert choose([Candidate("a", 3, 10), Candidate("b", 1, 10), Candidate("c", 2, 10)]).staff_id == "b"  # type: ignore[union-attr]


def test_among_equals_whoever_waited_longest_gets_it_round_robin():
    pool = [Candidate("a", 1, 10, EARLIER + timedelta(minutes=5)), Candidate("b", 1, 10, EARLIER),
            Candidate("c", 1, 10, EARLIER + timedelta(minutes=1))]
    assert choose(pool).staff_id == "b"  # type: ignore[union-attr]


def test_someone_never_assigned_goes_first_among_equals():
    assert choose([Candidate("a", 0, 10, EARLIER), Candidate("b", 0, 10, None)]).staff_id == "b"  # type: ignore[union-attr]


def test_people_at_capacity_are_skipped_and_nobody_left_means_the_queue():
    assert choose([Candidate("a", 5, 5), Candidate("b", 7, 8)]).staff_id == "b"  # type: ignore[union-attr]
    assert choose([Candidate("a", 5, 5)]) is None


def test_over_capacity_still_reaches_the_least_loaded_for_urgent_cases():
    assert choose([Candidate("a", 9, 5), Candidate("b", 6, 5)], over_capacity=True).staff_id == "b"  # type: ignore[union-attr]
