"""RFC 9457 problem details: every 4xx/5xx body a client sees is ``application/problem+json``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
_TYPE_BASE = "https://closeloop.dev/problems/"
log = logging.getLogger(__name__)


class Problem(Exception):
    """A failure the client can act on; raised by service code, rendered by the handlers below."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        *,
        type_: str | None = None,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type_ or _TYPE_BASE + title.lower().replace(" ", "-")
        self.headers = headers
        self.extensions = extensions


class NotFound(Problem):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(404, "Not found", f"{what} {key} does not exist", type_=_TYPE_BASE + "not-found")


class Conflict(Problem):
    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(409, "Conflict", detail, type_=_TYPE_BASE + "conflict", **extensions)


def problem_response(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    type_: str = "about:blank",
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body: dict[str, Any] = {"type": type_, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "body"


def install_problem_handlers(app: FastAPI) -> None:
    """Render every error path (ours, FastAPI's, and the unexpected) as problem details."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(
            exc.status, exc.title, exc.detail, type_=exc.type, instance=request.url.path,
            headers=exc.headers, **exc.extensions,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _location(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        named = ", ".join(sorted({e["field"] for e in errors}))
        return problem_response(
            422, "Invalid request", f"invalid fields: {named}", type_=_TYPE_BASE + "invalid-request",
            instance=request.url.path, errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem_response(
            exc.status_code, _reason(exc.status_code), str(exc.detail) if exc.detail else None,
            instance=request.url.path, headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", extra={"path": request.url.path})
        return problem_response(500, "Internal Server Error", "an unexpected error occurred", instance=request.url.path)


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
