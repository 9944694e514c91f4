"""GET /v1/exports/cases.csv."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from analytics.exports import service
from analytics.kpis.query import FigureQueryDep
from closeloop.auth import require_scopes

router = APIRouter(prefix="/v1/exports", tags=["exports"], dependencies=[require_scopes("report:read")])


@router.get(
    "/cases.csv",
    description="The facts of every case opened in the period (local days) under the filters, as CSV, streamed. "
    "Columns: " + ", ".join(service.COLUMNS) + ". No personal data.",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
async def export_cases(request: Request, query: FigureQueryDep) -> StreamingResponse:
    rows = service.case_rows(database=request.app.state.database, start=query.start, end=query.end, filters=query.filters)
    filename = f"cases-{query.start}-{query.end}.csv"
    return StreamingResponse(rows, media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})
