"""Which tasks the chain's safety rules require, by kind of safety case, and how soon.

food safety → seal the product, keep a sample, record how many people are ill and what they ate,
and notify the regulator once two or more people are ill; injury → first aid, preserve the CCTV
footage before it is overwritten, incident report; fire hazard → clear it, photo evidence (and the same
for any other hazard still there, rule H: a wet floor with no sign, a loose shelf, sparking wires).
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
RECORD_ILLNESS = TaskRule(
    "record_illness", "記錄患病人數及食用情況 Record how many people are ill and what they ate", 30, "customer_service"
)
NOTIFY_REGULATOR = TaskRule("notify_regulator", "通報監管部門 Notify the regulator (two or more people ill)", 120, "food_safety")
FIRST_AID = TaskRule("first_aid", "急救 Give first aid", 5, "security")
PRESERVE_CCTV = TaskRule("preserve_cctv", "保存監控錄像 Preserve the CCTV footage before it is overwritten", 120, "security")
INCIDENT_REPORT = TaskRule("incident_report", "事故報告 Write the incident report", 24 * 60, "security")
CLEAR_HAZARD = TaskRule("clear_hazard", "排除隱患 Clear the hazard (free the exit, dry the floor, fix the shelf)", 15,
                        "facilities")
PHOTO_EVIDENCE = TaskRule("photo_evidence", "拍照取證 Take photo evidence", 60, "security")

PLAYBOOK: dict[str, tuple[TaskRule, ...]] = {
    "food_safety": (SEAL_PRODUCT, KEEP_SAMPLE, RECORD_ILLNESS),
    "injury": (FIRST_AID, PRESERVE_CCTV, INCIDENT_REPORT),
    "fire": (CLEAR_HAZARD, PHOTO_EVIDENCE),
    "hazard": (CLEAR_HAZARD, PHOTO_EVIDENCE),
}
REGULATOR_THRESHOLD = 2
"""People ill from one food safety case at which the regulator must be told."""


def required_tasks(category: str, subcategory: str | None) -> tuple[TaskRule, ...]:
    if category != "safety" or subcategory is None:
        return ()
    return PLAYBOOK.get(subcategory, ())


def follow_up(code: str, details: dict[str, object]) -> tuple[TaskRule, ...]:
    """Tasks that completing one task brings: enough people ill means the regulator must be told."""
    if code == RECORD_ILLNESS.code:
        ill = details.get("ill_count")
        if isinstance(ill, int) and ill >= REGULATOR_THRESHOLD:
            return (NOTIFY_REGULATOR,)
    return ()


def missing_details(code: str, details: dict[str, object]) -> str | None:
    """What a task's completion must record, or None when it has it."""
    if code == RECORD_ILLNESS.code:
        ill = details.get("ill_count")
        if not isinstance(ill, int) or isinstance(ill, bool) or ill < 0:
            return "record_illness needs details.ill_count, the number of people ill (0 or more)"
    return None
