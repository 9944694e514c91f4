import time

import jwt
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from closeloop.auth import Authenticator, Principal, mint_token, require_scopes
from closeloop.problems import Problem, install_problem_handlers
from closeloop.settings import ServiceSettings

SECRET = "test-secret-of-sufficient-length-000"


def _settings() -> ServiceSettings:
    return ServiceSettings(jwt_secret=SECRET)


def test_token_carries_scopes_roles_and_store_restriction():
    token = mint_token(secret=SECRET, subject="u1", scopes=["feedback:write"], roles=["staff"], store_ids=["S001"])
    principal = Authenticator(_settings()).verify(token)
    assert principal.has("feedback:write") and not principal.has("pii:read")
    assert principal.may_see_store("S001") and not principal.may_see_store("S002")
    assert "staff" in principal.roles


def test_token_without_store_claim_sees_every_store():
    principal = Authenticator(_settings()).verify(mint_token(secret=SECRET, subject="u", scopes=[]))
    assert principal.may_see_store("S999")


@pytest.mark.parametrize(
    "token",
    [
        mint_token(secret="another-secret-of-sufficient-length", subject="u", scopes=["x"]),
        mint_token(secret=SECRET, subject="u", scopes=["x"], ttl_seconds=-10),
        mint_token(secret=SECRET, subject="u", scopes=["x"], audience="someone-else"),
        "not-a-jwt",
    ],
    ids=["wrong-key", "expired", "wrong-audience", "garbage"],
)
def test_bad_tokens_are_unauthorized(token):
    with pytest.raises(Problem) as caught:
        Authenticator(_settings()).verify(token)
    assert caught.value.status == 401


def _app() -> TestClient:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.authenticator = Authenticator(_settings())

    @app.get("/secret", dependencies=[require_scopes("pii:read")])
    async def secret(principal: Principal) -> dict:
        return {"sub": principal.subject}

    return TestClient(app)


def test_missing_token_gets_401_problem():
    response = _app().get("/secret")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"


def test_missing_scope_gets_403_naming_it():
    token = mint_token(secret=SECRET, subject="u", scopes=["feedback:read"])
    response = _app().get("/secret", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert "pii:read" in response.json()["detail"]


def test_right_scope_is_let_through():
    token = mint_token(secret=SECRET, subject="u7", scopes=["pii:read"])
    response = _app().get("/secret", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json() == {"sub": "u7"}


def test_hs256_token_is_refused_when_only_jwks_is_configured(monkeypatch):
    settings = ServiceSettings(jwt_secret=None, jwt_jwks_url="http://127.0.0.1:9/jwks.json")
    token = jwt.encode({"sub": "u", "exp": int(time.time()) + 60, "aud": "closeloop", "iss": "closeloop"}, SECRET)
    with pytest.raises(Problem) as caught:
        Authenticator(settings).verify(token)
    assert caught.value.status == 401
