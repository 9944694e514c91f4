"""Case reports: read one (JSON or HTML), write its draft. Submitting and reviewing are case actions
(`report_submitted`, `report_reviewed`), so they share the timeline, the events and the role checks."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.auth import AuthenticatedPrincipal, Principal, require_scopes
from closeloop.db import SessionDep
from routing.cases.actions.authority import actor_of, check_store
from routing.cases.service import find_case, locked
from routing.cases.models import Case
from routing.personal_data import shown, unseal
from routing.reports import service
from routing.reports.models import CaseReport
from routing.reports.rendering import html
from routing.reports.schemas import DraftIn, ReportOut, ReviewOut, SectionOut
from routing.reports.sections import TEMPLATES
from routing.settings import Settings, SettingsDep
from routing.wall_time import NowDep

router = APIRouter(prefix="/v1/cases", tags=["reports"])
CaseId = Annotated[str, Path(max_length=36)]
Kind = Literal["emergency", "important"]


async def report_out(*, session: AsyncSession, case: Case, report: CaseReport, principal: AuthenticatedPrincipal,
                     settings: Settings) -> ReportOut:
    pii = principal.has("pii:read")
    views = await service.sections(session=session, case=case, report=report, settings=settings)
    stage = service.waiting_on(report)
    return ReportOut(
        id=report.id, case_id=case.id, case_number=case.number, kind=report.kind, title=TEMPLATES[report.kind][0],
        status=report.status,
        sections=[SectionOut(key=v.key, title=v.title, required=v.required, prefilled=v.prefilled,
                             text=shown(v.text, may_read_personal_data=pii) or "") for v in views],
        submitted_at=report.submitted_at, submitted_by=report.submitted_by, reviewed_at=report.reviewed_at,
        reviewed_by=report.reviewed_by, approved_at=report.approved_at, approved_by=report.approved_by,
        times_returned=report.times_returned,
        reviews=[ReviewOut(reviewer=r.reviewer, role=r.role, verdict=r.verdict, at=r.at,
                           reopened_handling=r.reopened_handling,
                           comment=shown(unseal(settings, r.comment_sealed), may_read_personal_data=pii))
                 for r in await service.reviews_of(session=session, report_id=report.id)],
        waiting_for=None if report.status == "approved" else (stage[0] if stage else "author"),
    )


@router.get("/{case_id}/reports", dependencies=[require_scopes("case:read")])
async def list_reports(case_id: CaseId, session: SessionDep, principal: Principal,
                       settings: SettingsDep) -> list[ReportOut]:
    case = await find_case(session=session, case_id=case_id)
    check_store(principal, case)
    return [await report_out(session=session, case=case, report=r, principal=principal, settings=settings)
            for r in await service.reports_of(session=session, case_id=case.id)]


@router.get("/{case_id}/reports/{kind}", dependencies=[require_scopes("case:read")], response_model=ReportOut,
            responses={200: {"content": {"text/html": {}}}})
async def get_report(case_id: CaseId, kind: Kind, session: SessionDep, principal: Principal, settings: SettingsDep,
                     format: Literal["json", "html"] = "json") -> ReportOut | HTMLResponse:
    """The report with its sections (pre-filled where the author wrote nothing); ``?format=html`` renders it."""
    case = await find_case(session=session, case_id=case_id)
    check_store(principal, case)
    report = await service.report_of(session=session, case=case, kind=kind)
    out = await report_out(session=session, case=case, report=report, principal=principal, settings=settings)
    return HTMLResponse(html(out)) if format == "html" else out


@router.put("/{case_id}/reports/{kind}", dependencies=[require_scopes("case:write")])
async def write_draft(case_id: CaseId, kind: Kind, body: DraftIn, session: SessionDep, principal: Principal,
                      settings: SettingsDep, now: NowDep) -> ReportOut:
    """The author writes sections of the draft (the report starts as a draft when the case is resolved)."""
    actor = actor_of(principal)
    async with session.begin():
        case = await locked(session=session, case_id=case_id)
        check_store(principal, case)
        report = await service.save_draft(session=session, case=case, kind=kind, texts=body.sections, by=actor,
                                          settings=settings, at=now)
    return await report_out(session=session, case=case, report=report, principal=principal, settings=settings)
