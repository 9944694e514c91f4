"""Field-level rejections raised by service code, shaped like the platform's validation problems."""

from __future__ import annotations

from closeloop.problems import Problem

INVALID_REQUEST = "https://closeloop.dev/problems/invalid-request"


def invalid_field(field: str, message: str, *, type_: str = "value_error", status: int = 422) -> Problem:
    """422 naming ``field``, with the same ``errors`` list a schema violation carries."""
    return Problem(
        status, "Invalid request", f"invalid fields: {field}", type_=INVALID_REQUEST,
        errors=[{"field": field, "message": message, "type": type_}],
    )
