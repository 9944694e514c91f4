"""Who is calling, and what they may do: scopes, roles and store/department restrictions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from closeloop.problems import Problem
from closeloop.settings import ServiceSettings

_bearer = HTTPBearer(auto_error=False, description="OAuth2 bearer JWT carrying scopes")


@dataclass(frozen=True)
class AuthenticatedPrincipal:
    subject: str
    client_id: str
    scopes: frozenset[str]
    roles: frozenset[str]
    store_ids: frozenset[str] | None
    department: str | None

    def has(self, scope: str) -> bool:
        return scope in self.scopes

    def may_see_store(self, store_id: str) -> bool:
        return self.store_ids is None or store_id in self.store_ids


class Authenticator:
    """Verifies bearer tokens with the key material the settings name."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url) if settings.jwt_jwks_url else None

    def verify(self, token: str) -> AuthenticatedPrincipal:
        try:
            if self._jwks is not None:
                key = self._jwks.get_signing_key_from_jwt(token).key
                algorithms = ["RS256", "ES256"]
            elif self.settings.jwt_secret is not None:
                key = self.settings.jwt_secret.get_secret_value()
                algorithms = ["HS256"]
            else:
                raise Problem(503, "Authentication unavailable", "no token verification key is configured")
            claims = jwt.decode(
                token, key, algorithms=algorithms,
                audience=self.settings.jwt_audience, issuer=self.settings.jwt_issuer,
                options={"require": ["exp", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise _unauthorized(f"invalid token: {exc}") from exc
        stores = claims.get("store_ids")
        return AuthenticatedPrincipal(
            subject=str(claims["sub"]),
            client_id=str(claims.get("client_id") or claims.get("azp") or claims["sub"]),
            scopes=frozenset(str(claims.get("scope", "")).split()),
            roles=frozenset(claims.get("roles", [])),
            store_ids=frozenset(stores) if stores is not None else None,
            department=claims.get("department"),
        )


def _unauthorized(detail: str) -> Problem:
    return Problem(401, "Unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


async def authenticate(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> AuthenticatedPrincipal:
    if credentials is None:
        raise _unauthorized("a bearer token is required")
    authenticator: Authenticator = request.app.state.authenticator
    return authenticator.verify(credentials.credentials)


Principal = Annotated[AuthenticatedPrincipal, Depends(authenticate)]


def require_scopes(*scopes: str):  # type: ignore[no-untyped-def]
    """Dependency: the caller must hold every listed scope."""

    async def check(principal: Principal) -> AuthenticatedPrincipal:
        missing = [s for s in scopes if not principal.has(s)]
        if missing:
            raise Problem(403, "Forbidden", f"missing scope: {' '.join(missing)}", required_scopes=list(scopes))
        return principal

    return Depends(check)
