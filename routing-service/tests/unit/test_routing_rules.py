from dataclasses import dataclass, field

from routing.rules.matching import CaseFacts, first_match
from routing.rules.standard import STANDARD_RULES


@dataclass
class Rule:
    id: str
    position: int
    categories: list[str] = field(default_factory=list)
    subcategories: list[str] = field(default_factory=list)
    urgencies: list[str] = field(default_factory=list)
    store_ids: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    active: bool = True
    department_id: str = "customer_service"


def facts(**overrides: object) -> CaseFacts:
    values: dict[str, object] = {"category": "product", "subcategory": "stock", "urgency": "general",
                                 "store_id": "S001", "channel": "pos", "tier": None}
    return CaseFacts(**(values | overrides))  # type: ignore[arg-type]


def test_the_lowest_position_that_matches_wins():
    rules = [Rule("any", 100), Rule("product", 10, categories=["product"]), Rule("stock", 20, subcategories=["stock"])]
    assert first_match(rules, facts()).id == "product"  # type: ignore[union-attr]


def test_every_non_empty_condition_must_hold():
    rule = Rule("vip-urgent-s2", 1, urgencies=["urgent"], store_ids=["S002"], tiers=["vip"])
    assert first_match([rule], facts(urgency="urgent", store_id="S002", tier="vip")) is rule
    assert first_match([rule], facts(urgency="urgent", store_id="S002", tier=None)) is None


def test_inactive_rules_are_skipped():
    assert first_match([Rule("off", 1, active=False)], facts()) is None


def _standard(**overrides: object) -> str:
    rules = [Rule(rule_id, r.position, list(r.categories), list(r.subcategories), department_id=r.department_id)
             for rule_id, r in STANDARD_RULES.items()]
    return first_match(rules, facts(**overrides)).department_id  # type: ignore[union-attr]


def test_standard_rules_send_each_kind_of_problem_to_its_owner():
    assert _standard(category="safety", subcategory="food_safety") == "food_safety"
    assert _standard(category="safety", subcategory="fire") == "security"
    assert _standard(category="product", subcategory="stock") == "purchasing"
    assert _standard(category="product", subcategory="price") == "sales"
    assert _standard(category="environment", subcategory="hygiene") == "facilities"
    assert _standard(category="service", subcategory="attitude") == "customer_service"
    assert _standard(category="other", subcategory=None) == "customer_service"
