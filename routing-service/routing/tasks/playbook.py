"""Which tasks the chain's safety rules require, by kind of safety case, and how soon.

food safety → seal the product, keep a sample, run a preliminary test, record how many people are ill and
what they ate, and notify the regulator: every food-safety case, however many are ill (the number ill is kept
on the case); injury → first aid, preserve the CCTV footage before it is overwritten, incident report; a
hazard still there (rule H) → the removal tasks of its hazard type (``hazards.py``), or clear it and take
photo evidence when its type is not known.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TaskRule:
    code: str
    title: str
    due_minutes: int
    owner_department: str


SEAL_PRODUCT = TaskRule("seal_product", "封存問題商品 Seal the product (take the batch off sale)", 15, "food_safety")
KEEP_SAMPLE = TaskRule("keep_sample", "留樣 Keep a sample for testing", 30, "food_safety")
PRELIMINARY_TEST = TaskRule("preliminary_test", "初步檢測 Run a preliminary test of the product", 60, "food_safety")
RECORD_ILLNESS = TaskRule(
    "record_illness", "記錄患病人數及食用情況 Record how many people are ill and what they ate", 30, "customer_service"
)
NOTIFY_REGULATOR = TaskRule("notify_regulator", "通報監管部門 Notify the regulator", 120, "food_safety")
FIRST_AID = TaskRule("first_aid", "急救 Give first aid", 5, "security")
PRESERVE_CCTV = TaskRule("preserve_cctv", "保存監控錄像 Preserve the CCTV footage before it is overwritten", 120, "security")
INCIDENT_REPORT = TaskRule("incident_report", "事故報告 Write the incident report", 24 * 60, "security")
CLEAR_HAZARD = TaskRule("clear_hazard", "排除隱患 Clear the hazard (free the exit, dry the floor, fix the shelf)", 15,
                        "facilities")
PHOTO_EVIDENCE = TaskRule("photo_evidence", "拍照取證 Take photo evidence", 60, "security")

PLAYBOOK: dict[str, tuple[TaskRule, ...]] = {
    "food_safety": (SEAL_PRODUCT, KEEP_SAMPLE, PRELIMINARY_TEST, RECORD_ILLNESS, NOTIFY_REGULATOR),
    "injury": (FIRST_AID, PRESERVE_CCTV, INCIDENT_REPORT),
}
HAZARD_SUBCATEGORIES = ("fire", "hazard", "facility", "theft", "harassment", "violence", "fight")
"""Safety subcategories whose text is read for hazard types; one with none found gets the generic tasks."""
GENERIC_HAZARD = (CLEAR_HAZARD, PHOTO_EVIDENCE)


def required_tasks(category: str, subcategory: str | None) -> tuple[TaskRule, ...]:
    if category != "safety" or subcategory is None:
        return ()
    return PLAYBOOK.get(subcategory, ())


def missing_details(code: str, details: dict[str, object]) -> str | None:
    """What a task's completion must record, or None when it has it."""
    if code == RECORD_ILLNESS.code:
        ill = details.get("ill_count")
        if not isinstance(ill, int) or isinstance(ill, bool) or ill < 0:
            return "record_illness needs details.ill_count, the number of people ill (0 or more)"
    return None
