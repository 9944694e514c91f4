from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from closeloop.problems import NotFound, install_problem_handlers


class Body(BaseModel):
    store_id: str = Field(min_length=1)
    rating: int = Field(ge=1, le=5)


def _client() -> TestClient:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/things")
    async def make(body: Body) -> dict:
        return {}

    @app.get("/things/{key}")
    async def read(key: str) -> dict:
        raise NotFound("thing", key)

    @app.get("/boom")
    async def boom() -> dict:
        raise RuntimeError("secret internals")

    return TestClient(app, raise_server_exceptions=False)


def test_validation_error_is_problem_json_naming_the_fields():
    response = _client().post("/things", json={"store_id": "", "rating": 9})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {e["field"] for e in body["errors"]} == {"store_id", "rating"}
    assert "store_id" in body["detail"] and "rating" in body["detail"]


def test_malformed_json_is_a_422_problem_not_a_500():
    response = _client().post("/things", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_missing_thing_is_404_problem():
    response = _client().get("/things/k1")
    assert response.status_code == 404
    assert response.json()["detail"] == "thing k1 does not exist"


def test_unknown_route_is_problem_json():
    response = _client().get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_unexpected_error_hides_internals():
    response = _client().get("/boom")
    assert response.status_code == 500
    assert "secret" not in response.text
    assert response.headers["content-type"] == "application/problem+json"
