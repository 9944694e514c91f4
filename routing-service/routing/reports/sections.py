"""The report templates: required sections per kind, and what the case's own record pre-fills in each.

Pre-filled text is a suggestion shown in every section the author has not written; submitting takes it for
any section left empty, so a report says at least what the timeline knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    required: bool = True


TEMPLATES: dict[str, tuple[str, tuple[Section, ...]]] = {
    "emergency": ("緊急反饋處理報告 Emergency feedback report", (
        Section("content", "反饋內容 What was reported"),
        Section("process", "處理過程 How it was handled, step by step"),
        Section("result", "處理結果 Result"),
        Section("satisfaction", "顧客滿意度 The customer's satisfaction"),
    )),
    "important": ("重要反饋處理報告 Important feedback report", (
        Section("analysis", "原因分析 Analysis of the cause"),
        Section("measures", "處理措施 Measures taken"),
        Section("result", "處理結果 Result"),
        Section("prevention", "預防措施 Prevention of similar problems"),
    )),
}


@dataclass(frozen=True)
class CaseRecord:
    """What the case knows, read once for pre-filling (texts already unsealed)."""

    number: str
    feedback_number: str
    received_at: datetime
    channel: str
    category: str
    subcategory: str | None
    content: str | None
    resolution: str | None
    satisfied: bool | None
    csat: int | None
    nps: int | None
    verdict_comment: str | None
    steps: list[tuple[datetime, str, str, str | None]]  # at, what, by, written text
    plans: list[str]
    timezone: str


def prefill(kind: str, record: CaseRecord) -> dict[str, str]:
    zone = ZoneInfo(record.timezone)

    def when(at: datetime) -> str:
        return at.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    process = "\n".join(f"{when(at)} {what} ({by})" + (f": {text}" if text else "")
                        for at, what, by, text in sorted(record.steps, key=lambda s: s[0]))
    result = record.resolution or ""
    if kind == "emergency":
        reported = (f"{record.number} / {record.feedback_number}, {when(record.received_at)}, {record.channel}, "
                    f"{record.category}/{record.subcategory or '-'}")
        return {
            "content": f"{reported}\n{record.content}" if record.content else reported,
            "process": process,
            "result": result,
            "satisfaction": _verdict(record),
        }
    return {
        "analysis": "\n".join(record.plans),
        "measures": process,
        "result": result,
        "prevention": "",
    }


def _verdict(record: CaseRecord) -> str:
    if record.satisfied is None and record.csat is None and record.nps is None:
        return ""
    parts = [{True: "滿意 satisfied", False: "不滿意 not satisfied", None: ""}[record.satisfied]]
    if record.csat is not None:
        parts.append(f"CSAT {record.csat}/5")
    if record.nps is not None:
        parts.append(f"NPS {record.nps}/10")
    if record.verdict_comment:
        parts.append(record.verdict_comment)
    return ", ".join(p for p in parts if p)
