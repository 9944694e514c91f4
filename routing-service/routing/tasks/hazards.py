"""Removal tasks from a template per hazard type (rule H): a wet floor, a loose shelf, sparking wires, a blocked
exit, a theft or a fight in progress. A template lists the cue words that reveal its hazard in a feedback text
(read in Simplified Chinese after OpenCC, and lower-case English) and the tasks that remove it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import opencc

from routing.tasks.playbook import FIRST_AID, PHOTO_EVIDENCE, PRESERVE_CCTV, TaskRule


@dataclass(frozen=True)
class HazardTemplate:
    hazard: str
    title: str
    cues: tuple[str, ...]
    tasks: tuple[TaskRule, ...]


HAZARD_TEMPLATES: dict[str, HazardTemplate] = {t.hazard: t for t in (
    HazardTemplate(
        "wet_floor", "地面濕滑 Wet floor",
        ("地滑", "地面湿", "地上有水", "湿滑", "积水", "漏水", "地板湿", "wet floor", "slippery", "spill"),
        (TaskRule("secure_wet_floor", "放置警示牌並擦乾地面 Put up a warning sign and dry the floor", 10, "facilities"),
         PHOTO_EVIDENCE),
    ),
    HazardTemplate(
        "loose_shelf", "貨架鬆動 Loose shelf",
        ("货架松", "货架摇", "货架要倒", "货架倒", "货架歪", "层板松", "层板掉", "loose shelf", "shelf is wobbl",
         "shelf wobbl", "shelf collaps"),
        (TaskRule("secure_shelf", "清空並圍封鬆動貨架，再加固 Empty and cordon off the loose shelf, then fix it", 15,
                  "facilities"), PHOTO_EVIDENCE),
    ),
    HazardTemplate(
        "sparking_wires", "電線冒火花 Sparking wires",
        ("冒火花", "电线火花", "电线冒火", "漏电", "电线裸露", "插座冒烟", "触电", "sparking", "sparks", "exposed wire",
         "electric shock"),
        (TaskRule("cut_power", "切斷電源並圍封區域 Cut the power and cordon off the area", 5, "facilities"),
         TaskRule("repair_wiring", "電工檢修線路 An electrician repairs the wiring", 120, "facilities"),
         PHOTO_EVIDENCE),
    ),
    HazardTemplate(
        "blocked_exit", "安全出口堵塞 Blocked exit",
        ("安全出口被", "出口被堵", "出口堵", "通道被堵", "消防通道", "逃生通道", "安全门被", "blocked exit", "fire exit",
         "exit is blocked", "exit blocked"),
        (TaskRule("clear_exit", "清理安全出口及通道 Clear the exit and the way to it", 15, "facilities"),
         PHOTO_EVIDENCE),
    ),
    HazardTemplate(
        "theft_in_progress", "盜竊進行中 Theft in progress",
        ("小偷", "正在偷", "偷东西", "扒手", "扒窃", "抢包", "抢劫", "shoplift", "thief", "stealing", "pickpocket"),
        (TaskRule("stop_theft", "安保到場制止並報警 Security stops it and calls the police", 5, "security"),
         PRESERVE_CCTV),
    ),
    HazardTemplate(
        "fight_in_progress", "打架鬥毆 Fight in progress",
        ("打架", "打人", "斗殴", "动手打", "fight", "fighting", "punch"),
        (TaskRule("separate_parties", "安保到場隔開雙方 Security separates the people involved", 5, "security"),
         FIRST_AID, PRESERVE_CCTV),
    ),
)}


@lru_cache(maxsize=1)
def _simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def hazards_in(text: str | None) -> list[str]:
    """Hazard types whose cue words the text contains, in template order."""
    if not text:
        return []
    read = _simplified().convert(text).lower()
    return [t.hazard for t in HAZARD_TEMPLATES.values() if any(cue in read for cue in t.cues)]


def removal_tasks(hazards: list[str]) -> tuple[TaskRule, ...]:
    tasks: dict[str, TaskRule] = {}
    for hazard in hazards:
        for task in HAZARD_TEMPLATES[hazard].tasks:
            tasks.setdefault(task.code, task)
    return tuple(tasks.values())
