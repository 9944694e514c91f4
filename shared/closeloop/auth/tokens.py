"""Token minting and verification: HS256 with a shared secret in development, JWKS in production."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable

import jwt

ALL_SCOPES: tuple[str, ...] = (
    "feedback:write", "feedback:read", "pii:read", "pii:erase", "survey:write",
    "case:read", "case:write", "case:admin",
    "org:read", "org:write",
    "sla:read", "sla:write",
    "kpi:read", "report:read", "report:write",
    "deadletter:replay",
)


def mint_token(
    *,
    secret: str,
    subject: str,
    scopes: Iterable[str],
    roles: Iterable[str] = (),
    store_ids: Iterable[str] | None = None,
    department: str | None = None,
    client_id: str | None = None,
    ttl_seconds: int = 3600,
    issuer: str = "closeloop",
    audience: str = "closeloop",
) -> str:
    """A development token (HS256); production tokens come from the identity provider."""
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": issuer,
        "aud": audience,
        "sub": subject,
        "iat": now,
        "exp": now + ttl_seconds,
        "jti": uuid.uuid4().hex,
        "scope": " ".join(scopes),
        "roles": list(roles),
        "client_id": client_id or subject,
    }
    if store_ids is not None:
        claims["store_ids"] = list(store_ids)
    if department:
        claims["department"] = department
    return jwt.encode(claims, secret, algorithm="HS256")
