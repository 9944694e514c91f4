"""GET /v1/reports/monthly (JSON or HTML) and GET /dashboard (HTML for a supervisor's browser)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from analytics.kpis.query import FigureQuery, ScoringDep, figure_query
from analytics.reports import pages, service
from analytics.reports.schemas import MonthlyReport
from closeloop.auth import require_scopes
from closeloop.auth.principal import AuthenticatedPrincipal
from closeloop.db import SessionDep
from closeloop.problems import Problem

router = APIRouter(tags=["reports"])
TOKEN_COOKIE = "closeloop_token"


async def page_principal(request: Request) -> AuthenticatedPrincipal:
    """A browser page's caller: bearer header, or ?access_token= once (then kept in an HttpOnly cookie)."""
    header = request.headers.get("authorization", "")
    token = header[7:] if header.lower().startswith("bearer ") else None
    token = token or request.query_params.get("access_token") or request.cookies.get(TOKEN_COOKIE)
    if not token:
        raise Problem(401, "Unauthorized", "open the page with ?access_token=<token> (make token SCOPES=kpi:read)",
                      headers={"WWW-Authenticate": "Bearer"})
    principal = request.app.state.authenticator.verify(token)
    if not principal.has("kpi:read"):
        raise Problem(403, "Forbidden", "missing scope: kpi:read", required_scopes=["kpi:read"])
    request.state.page_token = token
    return principal


async def page_query(request: Request, principal: Annotated[AuthenticatedPrincipal, Depends(page_principal)]) -> FigureQuery:
    params = request.query_params
    def day(name: str) -> date | None:
        raw = params.get(name)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise Problem(400, "Bad period", f"{name} must be a date (YYYY-MM-DD), not {raw!r}", invalid_params=[{"name": name}])
    return await figure_query(
        request, principal, start=day("from"), end=day("to"),
        **{k: params.get(k) or None for k in ("store_id", "region", "department", "category", "channel", "urgency", "kind", "assignee")},
    )


@router.get("/dashboard", response_class=HTMLResponse, include_in_schema=True,
            description="The supervisor's page: main figures against targets, trend lines, category bars, SLA breaches "
            "and top issues, as HTML with inline SVG charts. Authenticate with ?access_token= once (kept in a cookie).")
async def get_dashboard(
    request: Request, session: SessionDep, scoring: ScoringDep, query: Annotated[FigureQuery, Depends(page_query)],
) -> Response:
    if request.query_params.get("access_token"):
        # Keep the token in an HttpOnly cookie and drop it from the address (history, referrers, access logs).
        redirect = RedirectResponse(request.url.remove_query_params("access_token"), status_code=303)
        redirect.set_cookie(TOKEN_COOKIE, request.state.page_token, httponly=True, samesite="strict", path="/")
        return redirect
    async with session.begin():
        data = await service.dashboard(session=session, start=query.start, end=query.end, filters=query.filters,
                                       scoring=scoring)
    keep = "&".join(f"{k}={v}" for k, v in request.query_params.items() if k != "access_token")
    return HTMLResponse(pages.dashboard_page(data, query_string=keep))


@router.get(
    "/v1/reports/monthly", dependencies=[require_scopes("report:read")], response_model=MonthlyReport,
    responses={200: {"content": {"text/html": {}}}},
    description="客戶反饋分析報告: the month's figures against targets, TOP-3 issues with theme words, trends, store and "
    "department rankings, SLA breaches. format=html renders it with charts.",
)
async def get_monthly_report(
    session: SessionDep, scoring: ScoringDep, query: Annotated[FigureQuery, Depends(figure_query)],
    month: Annotated[str, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")],
    format: Annotated[Literal["json", "html"], Query()] = "json",
) -> Response:
    first = datetime.strptime(month, "%Y-%m").date()
    async with session.begin():
        report = await service.monthly_report(session=session, month=first, filters=query.filters, scoring=scoring)
    if format == "html":
        return HTMLResponse(pages.monthly_page(report))
    return Response(report.model_dump_json(), media_type="application/json")

