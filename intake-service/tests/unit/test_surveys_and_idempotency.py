"""Survey tokens and request fingerprints: pure rules behind one-response-per-token and key reuse."""

import uuid

import pytest
from cryptography.fernet import Fernet

from closeloop.problems import Problem
from intake.idempotency.service import check_key, fingerprint
from intake.privacy.sealing import Sealer
from intake.surveys.tokens import InvalidSurveyToken, issue, verify

SEALER = Sealer(keys=[Fernet.generate_key().decode()], hash_key="k" * 32)


def test_issued_token_verifies_to_its_feedback_and_round():
    feedback_id = str(uuid.uuid4())

    assert verify(sealer=SEALER, token=issue(sealer=SEALER, feedback_id=feedback_id, round_=2)) == (feedback_id, 2)


def test_token_for_another_round_cannot_be_made_by_editing():
    token = issue(sealer=SEALER, feedback_id=str(uuid.uuid4()), round_=1)
    edited = token.replace(".1.", ".2.")

    with pytest.raises(InvalidSurveyToken):
        verify(sealer=SEALER, token=edited)


def test_fingerprint_ignores_key_order_but_not_values():
    a = fingerprint(sealer=SEALER, endpoint="POST /v1/feedback", body={"a": 1, "b": "x"})
    b = fingerprint(sealer=SEALER, endpoint="POST /v1/feedback", body={"b": "x", "a": 1})
    c = fingerprint(sealer=SEALER, endpoint="POST /v1/feedback", body={"b": "y", "a": 1})

    assert a == b != c


def test_idempotency_key_must_be_visible_ascii_of_reasonable_length():
    assert check_key("3f6c0a9e-1b2c-4d5e-8f90-123456789abc")
    for bad in ("", "has space", "x" * 256, "钥匙"):
        with pytest.raises(Problem):
            check_key(bad)
