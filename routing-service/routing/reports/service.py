"""A case's reports through their states: draft → submitted → (reviewed) → approved, or returned and resubmitted.

Who may do what: the emergency report is the supervisor's to write and the manager's to approve; the important
report is the owning department's to write, the supervisor's to review, the manager's to approve. A returned
report carries the reviewer's comment and may send the case back to handling.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseReportChanged
from closeloop.problems import Conflict, NotFound, Problem
from routing.cases.actions.authority import Actor, forbidden
from routing.cases.models import Case, TimelineEntry
from routing.cases.timeline import record
from routing.db import outbox
from routing.org.models import Store
from routing.personal_data import seal, unseal
from routing.procedures.service import procedure_of, record_step, rules_of, steps_done
from routing.reports.models import CaseReport, ReportReview
from routing.reports.sections import TEMPLATES, CaseRecord, prefill
from routing.settings import Settings
from routing.tasks.models import CaseTask

EDITABLE = ("draft", "returned")


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    required: bool
    text: str
    prefilled: bool


async def required_report(*, session: AsyncSession, case: Case) -> str | None:
    """The report kind the case's procedure requires (emergency, important), or None."""
    return (await procedure_of(session=session, case=case)).report


async def reports_of(*, session: AsyncSession, case_id: str) -> list[CaseReport]:
    return list((await session.scalars(select(CaseReport).where(CaseReport.case_id == case_id)
                                       .order_by(CaseReport.created_at))).all())


async def report_of(*, session: AsyncSession, case: Case, kind: str, create: bool = False, lock: bool = False) -> CaseReport:
    """The case's report of ``kind``; ``create`` starts the draft when the procedure requires one."""
    query = select(CaseReport).where(CaseReport.case_id == case.id, CaseReport.kind == kind)
    report = await session.scalar(query.with_for_update() if lock else query)
    if report is not None:
        return report
    if not create:
        raise NotFound("report", f"{kind} report of case {case.number}")
    required = await required_report(session=session, case=case)
    if required != kind:
        raise Conflict(f"the {case.urgency} procedure case {case.number} follows requires "
                       f"{'no report' if required is None else f'the {required} report'}, not the {kind} report",
                       required_report=required)
    await session.execute(insert(CaseReport).values(id=str(uuid.uuid4()), case_id=case.id, kind=kind, status="draft")
                          .on_conflict_do_nothing())
    report = await session.scalar(query.with_for_update() if lock else query)
    assert report is not None
    return report


def written(report: CaseReport, settings: Settings) -> dict[str, str]:
    return json.loads(unseal(settings, report.sections_sealed) or "{}")


async def sections(*, session: AsyncSession, case: Case, report: CaseReport, settings: Settings) -> list[SectionView]:
    """Every section of the template: what the author wrote, else what the case's record suggests."""
    texts = written(report, settings)
    suggested = prefill(report.kind, await case_record(session=session, case=case, settings=settings)) \
        if report.status in EDITABLE else {}
    views = []
    for section in TEMPLATES[report.kind][1]:
        text = texts.get(section.key, "")
        views.append(SectionView(key=section.key, title=section.title, required=section.required,
                                 text=text or suggested.get(section.key, ""), prefilled=not text and section.key in suggested
                                 and bool(suggested.get(section.key))))
    return views


async def save_draft(
    *, session: AsyncSession, case: Case, kind: str, texts: dict[str, str], by: Actor, settings: Settings, at: datetime
) -> CaseReport:
    """The author writes sections of a draft (or of a returned report); a reviewed report is no longer edited."""
    report = await report_of(session=session, case=case, kind=kind, create=True, lock=True)
    _may_write(case, report, by)
    if report.status not in EDITABLE:
        raise Conflict(f"the {kind} report is {report.status}: only a draft or a returned report is edited",
                       report_status=report.status)
    _known_sections(kind, texts)
    report.sections_sealed = seal(settings, json.dumps({**written(report, settings), **texts}, ensure_ascii=False))
    report.updated_at = at
    return report


async def submit(
    *, session: AsyncSession, case: Case, kind: str, texts: dict[str, str], by: Actor, settings: Settings, at: datetime
) -> CaseReport:
    """The author submits: empty sections take what the record suggests; every required one must say something."""
    report = await report_of(session=session, case=case, kind=kind, create=True, lock=True)
    _may_write(case, report, by)
    if report.status not in EDITABLE:
        raise Conflict(f"the {kind} report is already {report.status}", report_status=report.status)
    _known_sections(kind, texts)
    resubmission = report.status == "returned"
    merged = {**written(report, settings), **texts}
    suggested = prefill(kind, await case_record(session=session, case=case, settings=settings))
    final = {s.key: (merged.get(s.key) or suggested.get(s.key) or "").strip() for s in TEMPLATES[kind][1]}
    empty = [s.key for s in TEMPLATES[kind][1] if s.required and not final[s.key]]
    if empty:
        message = f"the {kind} report needs every required section; empty: {', '.join(empty)}"
        raise Problem(422, "Invalid request", f"invalid fields: sections: {message}",
                      type_="https://closeloop.dev/problems/invalid-request",
                      errors=[{"field": f"sections.{key}", "message": "required", "type": "report"} for key in empty])
    report.sections_sealed = seal(settings, json.dumps(final, ensure_ascii=False))
    report.status, report.submitted_at, report.submitted_by, report.updated_at = "submitted", at, by.id, at
    report.reviewed_at = report.reviewed_by = None
    await _announce(session, case, report, step="report_submitted", by=by, at=at)
    await record_step(session=session, case=case, step="report_revision" if resubmission else "report_submitted",
                      by=by.id, by_role=by.role, at=at, publish=False)
    return report


async def review(
    *, session: AsyncSession, case: Case, kind: str, verdict: str, comment_sealed: str | None, reopen: bool, by: Actor,
    at: datetime,
) -> CaseReport:
    """The supervisor reviews (important), the manager approves or returns; each review step only for its role."""
    report = await report_of(session=session, case=case, kind=kind, lock=True)
    stage = waiting_on(report)
    if stage is None:
        raise Conflict(f"the {kind} report is {report.status}: there is nothing to review", report_status=report.status)
    role, allowed = stage
    if not by.at_least(role):
        raise forbidden(f"reviewing a {report.status} {kind} report is the {role}'s step", required_role=role)
    if verdict not in allowed:
        raise Conflict(f"a {report.status} {kind} report is {' or '.join(allowed)} by the {role}, not {verdict}",
                       allowed_verdicts=list(allowed))
    if verdict == "returned" and comment_sealed is None:
        raise Problem(422, "Invalid request", "invalid fields: comment: returning a report needs the reviewer's comment",
                      type_="https://closeloop.dev/problems/invalid-request",
                      errors=[{"field": "comment", "message": "required to return a report", "type": "report"}])
    session.add(ReportReview(report_id=report.id, reviewer=by.id, role=by.role, verdict=verdict,
                             comment_sealed=comment_sealed, reopened_handling=verdict == "returned" and reopen, at=at))
    step = {"reviewed": "report_reviewed", "approved": "report_approved", "returned": "report_returned"}[verdict]
    report.status, report.updated_at = verdict, at
    if verdict == "reviewed":
        report.reviewed_at, report.reviewed_by = at, by.id
    elif verdict == "approved":
        report.approved_at, report.approved_by = at, by.id
    else:
        report.times_returned += 1
    await _announce(session, case, report, step=step, by=by, at=at, reopened=verdict == "returned" and reopen)
    if verdict != "returned":
        await record_step(session=session, case=case, step=step, by=by.id, by_role=by.role, at=at, publish=False)
    return report


def waiting_on(report: CaseReport) -> tuple[str, tuple[str, ...]] | None:
    """Whose review a report waits for, and what they may decide."""
    if report.kind == "emergency" and report.status == "submitted":
        return "manager", ("approved", "returned")
    if report.kind == "important" and report.status == "submitted":
        return "supervisor", ("reviewed", "returned")
    if report.kind == "important" and report.status == "reviewed":
        return "manager", ("approved", "returned")
    return None


def _may_write(case: Case, report: CaseReport, by: Actor) -> None:
    if report.kind == "emergency":
        if not by.at_least("supervisor"):
            raise forbidden("the emergency report is written by the supervisor (客服主管)", required_role="supervisor")
        return
    if by.at_least("supervisor") or by.id == case.assignee_id or (by.department and by.department == case.department):
        return
    raise forbidden(f"the important report is written by the department handling the case ({case.department})",
                    department=case.department)


def _known_sections(kind: str, texts: dict[str, str]) -> None:
    known = {s.key for s in TEMPLATES[kind][1]}
    unknown = sorted(set(texts) - known)
    if unknown:
        message = f"the {kind} report has sections {', '.join(sorted(known))}; unknown: {', '.join(unknown)}"
        raise Problem(422, "Invalid request", f"invalid fields: sections: {message}",
                      type_="https://closeloop.dev/problems/invalid-request",
                      errors=[{"field": f"sections.{k}", "message": "unknown section", "type": "report"} for k in unknown])


async def _announce(session: AsyncSession, case: Case, report: CaseReport, *, step: str, by: Actor, at: datetime,
                    reopened: bool = False) -> None:
    await record(session, case, step, actor=by.id, at=at, details={"report": report.kind, "status": report.status,
                                                                    "reopened_handling": reopened})
    await outbox.add(session, CaseReportChanged(
        case_id=case.id, occurred_at=at, report_id=report.id, report=report.kind,  # type: ignore[arg-type]
        status=report.status, step=step, reopened_handling=reopened, by=by.id, by_role=by.role,  # type: ignore[arg-type]
    ))


async def unapproved_report(*, session: AsyncSession, case: Case) -> str | None:
    """The close guard: the kind of a required report not approved yet, or None."""
    kind = await required_report(session=session, case=case)
    if kind is None:
        return None
    status = await session.scalar(select(CaseReport.status).where(CaseReport.case_id == case.id,
                                                                  CaseReport.kind == kind))
    return None if status == "approved" else kind


async def reviews_of(*, session: AsyncSession, report_id: str) -> list[ReportReview]:
    return list((await session.scalars(select(ReportReview).where(ReportReview.report_id == report_id)
                                       .order_by(ReportReview.at))).all())


async def case_record(*, session: AsyncSession, case: Case, settings: Settings) -> CaseRecord:
    """The case's own record, as the pre-filled sections quote it: steps and tasks with their times."""
    rules = rules_of(await procedure_of(session=session, case=case))
    titles = {s.step: s.title for s in rules.steps}
    titles["department_arrived"] = titles.get("on_site", "到達現場 On site")
    steps = [(s.done_at, titles.get(s.step, s.step) + (f" [{s.department}]" if s.department else ""), s.done_by,
              unseal(settings, s.text_sealed))
             for s in await steps_done(session=session, case_id=case.id)
             if not s.step.startswith("report_")]
    tasks = await session.scalars(select(CaseTask).where(CaseTask.case_id == case.id, CaseTask.status == "done"))
    steps += [(t.completed_at, t.title, t.completed_by or "", None) for t in tasks if t.completed_at]
    plans = [f"{titles.get(s.step, s.step)}: {unseal(settings, s.text_sealed)}"
             for s in await steps_done(session=session, case_id=case.id)
             if s.step in ("plan_agreed", "plan_recorded", "plan_started", "assessed") and s.text_sealed]
    comment = await session.scalar(
        select(TimelineEntry.text_sealed).where(TimelineEntry.case_id == case.id, TimelineEntry.entry == "callback")
        .order_by(TimelineEntry.id.desc()).limit(1)
    )
    store = await session.get(Store, case.store_id)
    return CaseRecord(
        number=case.number, feedback_number=case.feedback_number, received_at=case.received_at, channel=case.channel,
        category=case.category, subcategory=case.subcategory, content=unseal(settings, case.content_sealed),
        resolution=unseal(settings, case.resolution_sealed), satisfied=case.satisfied, csat=case.csat, nps=case.nps,
        verdict_comment=unseal(settings, comment), steps=steps, plans=plans,
        timezone=store.timezone if store else "Asia/Shanghai",
    )
