"""The chain's standard routing: who owns what, per the feedback-handling rules (taxonomy.md).

Loaded by the seed; staff with ``case:admin`` change the rules through the API afterwards.
"""

from __future__ import annotations

from routing.rules.schemas import RuleIn

DEPARTMENTS: dict[str, str] = {
    "customer_service": "客服部",
    "sales": "銷售部/門店營運",
    "purchasing": "採購部",
    "facilities": "後勤保障部",
    "food_safety": "食品安全部",
    "security": "安保部",
}

STANDARD_RULES: dict[str, RuleIn] = {
    "food-safety": RuleIn(
        position=10, name="Food safety (rule F) goes to 食品安全部",
        categories=["safety"], subcategories=["food_safety"], department_id="food_safety",
    ),
    "facility-hazard": RuleIn(
        position=20, name="A facility that can hurt someone (rule H) goes to 後勤保障部",
        categories=["safety"], subcategories=["facility", "hazard"], department_id="facilities",
    ),
    "personal-safety": RuleIn(
        position=30, name="Fire, injuries, theft, harassment and every other safety case go to 安保部",
        categories=["safety"], department_id="security",
    ),
    "product-supply": RuleIn(
        position=40, name="Quality, stock and counterfeit goods go to 採購部",
        categories=["product"], subcategories=["quality", "stock", "counterfeit"], department_id="purchasing",
    ),
    "product-store": RuleIn(
        position=50, name="Prices, display and labels go to 銷售部/門店營運",
        categories=["product"], department_id="sales",
    ),
    "environment": RuleIn(
        position=60, name="Hygiene, temperature, noise and facilities go to 後勤保障部",
        categories=["environment"], department_id="facilities",
    ),
    "service": RuleIn(
        position=70, name="Service complaints and praise go to 客服部",
        categories=["service"], department_id="customer_service",
    ),
    "other": RuleIn(
        position=1000, name="Everything else goes to 客服部",
        department_id="customer_service",
    ),
}
