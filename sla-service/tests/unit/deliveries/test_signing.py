"""Webhook signatures match the Standard Webhooks specification's own test vector."""

from __future__ import annotations

import pytest

from sla.channels.targets import TargetRefused, check_target
from sla.deliveries.formats import render
from sla.deliveries.signing import signature_headers


def test_signature_matches_the_specifications_test_vector():
    # the example published with the Standard Webhooks specification and its reference libraries
    headers = signature_headers(
        secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", message_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
        timestamp=1614265330, body=b'{"test": 2432232314}',
    )
    assert headers["webhook-signature"] == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/hook", "https://10.1.2.3/x", "http://[::1]/", "http://169.254.169.254/latest"])
async def test_internal_webhook_targets_are_refused(url):
    with pytest.raises(TargetRefused, match="internal address"):
        await check_target(url, allowed=[])


async def test_an_allow_listed_internal_network_is_accepted():
    await check_target("http://127.0.0.1:8080/hook", allowed=["127.0.0.0/8"])


@pytest.mark.parametrize("url", ["ftp://example.com/", "https://user:pw@example.com/"])
async def test_malformed_webhook_targets_are_refused(url):
    with pytest.raises(TargetRefused):
        await check_target(url, allowed=[])


@pytest.mark.parametrize(("format_", "key"), [("wecom", "markdown"), ("dingtalk", "markdown"), ("slack", "blocks")])
def test_chat_formats_carry_case_clock_and_deadline(format_, key):
    envelope = {"type": "closeloop.sla.clock_breached.v1",
                "data": {"case_id": "c1", "clock": "resolution", "store_id": "S001", "due_at": "2026-10-08T10:00:00Z"}}
    body = render(format_, envelope)
    assert key in body
    assert "resolution" in str(body) and "2026-10-08T10:00:00Z" in str(body)
