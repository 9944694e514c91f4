"""JSON endpoints take JSON: another content type is a 415, malformed JSON a 400 saying where it broke."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from closeloop.problems import Problem, problem_response


async def json_body(request: Request) -> None:
    """Dependency of every JSON-accepting route."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise Problem(
            415, "Unsupported Media Type", "send the body as application/json",
            type_="https://closeloop.dev/problems/unsupported-media-type",
        )


def install_malformed_json_handler(app: FastAPI) -> None:
    """Wrap the platform's validation handler: a body that is not JSON at all is a 400, not a field error."""
    platform_handler = app.exception_handlers[RequestValidationError]

    async def handler(request: Request, exc: RequestValidationError) -> JSONResponse:
        broken = next((e for e in exc.errors() if e.get("type") == "json_invalid"), None)
        if broken is None:
            return await platform_handler(request, exc)  # type: ignore[no-any-return]
        position = broken.get("loc", ("body", 0))[-1]
        reason = (broken.get("ctx") or {}).get("error", "invalid JSON")
        return problem_response(
            400, "Malformed JSON", f"the body is not valid JSON: {reason} at position {position}",
            type_="https://closeloop.dev/problems/malformed-json", instance=request.url.path,
            errors=[{"field": "body", "message": f"{reason} at position {position}", "type": "json_invalid"}],
        )

    app.exception_handlers[RequestValidationError] = handler
