"""Webhooks are signed per Standard Webhooks (checked by a verifier written here from the spec), retried,
and a channel whose endpoint answers 410 Gone is disabled."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import uvicorn

from fleet.testing import eventually

from .conftest import opened


def verify_standard_webhook(secret: str, headers: dict[str, str], body: bytes, *, tolerance: int = 300) -> bool:
    """An independent verifier, from the specification's text: not the code under test."""
    msg_id, stamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(stamp)) > tolerance:
        return False
    key = base64.b64decode(secret.split("_", 1)[1])
    expected = base64.b64encode(hmac.new(key, msg_id.encode() + b"." + stamp.encode() + b"." + body, hashlib.sha256).digest())
    for candidate in headers["webhook-signature"].split(" "):
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature.encode(), expected):
            return True
    return False


class Receiver:
    """A webhook endpoint on 127.0.0.1 answering with the statuses it is told, recording what it got."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.received: list[tuple[dict[str, str], bytes]] = []

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.received.append(({k.decode(): v.decode() for k, v in scope["headers"]}, body))
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})


@asynccontextmanager
async def serving(receiver: Receiver) -> AsyncIterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(receiver, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    await eventually(lambda: asyncio.sleep(0, result=server.started), what="receiver started")
    try:
        yield f"http://127.0.0.1:{port}/hook"
    finally:
        server.should_exit = True
        await task


async def test_deliveries_are_signed_and_retried_until_accepted(sla):
    receiver = Receiver([500, 200])
    async with serving(receiver) as url:
        created = await sla.client.post(
            "/v1/channels", json={"name": "supervisors", "url": url, "event_types": ["clock_breached"]}, headers=sla.headers
        )
        assert created.status_code == 201, created.text
        channel = created.json()
        case = opened(urgency="general", at=datetime.now(UTC) - timedelta(minutes=31))
        await sla.send(case)

        async def delivered() -> list[dict] | None:
            log = (await sla.client.get(f"/v1/channels/{channel['id']}/deliveries", headers=sla.headers)).json()
            return log if log and all(d["status"] == "delivered" for d in log) else None
        log = await eventually(delivered, timeout=20, what="the breach delivered")

    assert [d["event_type"] for d in log] == ["closeloop.sla.clock_breached.v1"]
    assert (log[0]["attempts"], log[0]["last_status"]) == (2, 200)
    assert all(verify_standard_webhook(channel["secret"], h, b) for h, b in receiver.received)
    assert len({h["webhook-id"] for h, _ in receiver.received}) == 1  # a retry keeps its id for deduplication
    assert json.loads(receiver.received[-1][1])["data"]["clock"] == "first_contact"


async def test_a_tampered_body_fails_verification(sla):
    receiver = Receiver([200])
    async with serving(receiver) as url:
        channel = (await sla.client.post("/v1/channels", json={"name": "all", "url": url, "format": "wecom"}, headers=sla.headers)).json()
        await sla.send(opened(urgency="minor"))
        await eventually(lambda: asyncio.sleep(0, result=len(receiver.received) >= 1), timeout=20, what="a delivery")

    headers, body = receiver.received[0]
    assert verify_standard_webhook(channel["secret"], headers, body)
    assert not verify_standard_webhook(channel["secret"], headers, body.replace(b"markdown", b"Markdown"))


async def test_an_endpoint_answering_410_disables_its_channel(sla):
    receiver = Receiver([410])
    async with serving(receiver) as url:
        channel = (await sla.client.post("/v1/channels", json={"name": "gone", "url": url}, headers=sla.headers)).json()
        await sla.send(opened(urgency="minor"))

        async def disabled() -> dict | None:
            found = (await sla.client.get(f"/v1/channels/{channel['id']}", headers=sla.headers)).json()
            return found if found["status"] == "disabled" else None
        found = await eventually(disabled, timeout=20, what="the channel disabled")

    assert "410" in found["disabled_reason"]


async def test_a_webhook_to_an_internal_address_is_refused_with_a_problem(sla):
    response = await sla.client.post("/v1/channels", json={"name": "x", "url": "http://10.0.0.7/hook"}, headers=sla.headers)

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "10.0.0.7" in response.json()["detail"]
