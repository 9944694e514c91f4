import pytest

from routing.cases.opening.raising import raised, tier_reason


@pytest.mark.parametrize(("urgency", "reason", "expected"), [
    ("minor", "group_complaint", "important"),
    ("general", "repeat_complaint", "important"),
    ("general", "strategic_customer", "important"),
    ("minor", "product_incident", "important"),
    ("urgent", "group_complaint", "urgent"),
    ("minor", "vip_customer", "general"),
    ("general", "vip_customer", "important"),
    ("important", "vip_customer", "important"),
    ("urgent", "vip_customer", "urgent"),
])
def test_raising_lifts_to_its_floor_and_never_lowers(urgency, reason, expected):
    assert raised(urgency, reason) == expected


def test_a_vip_problem_is_raised_but_a_vip_thank_you_is_not():
    assert tier_reason("vip", kind="complaint", urgency="minor") == "vip_customer"
    assert tier_reason("vip", kind="praise", urgency="minor") is None
    assert tier_reason("strategic", kind="suggestion", urgency="general") == "strategic_customer"
    assert tier_reason("regular", kind="complaint", urgency="general") is None
