"""Survey tokens: a signed ticket for one survey round of one feedback; no table needed to issue one."""

from __future__ import annotations

import hmac
import re

from intake.privacy.sealing import Sealer

_TOKEN = re.compile(r"^sv1\.([0-9a-f-]{36})\.(\d{1,4})\.([0-9a-f]{32})$")


class InvalidSurveyToken(ValueError):
    """Forged, mangled or for another system."""


def issue(*, sealer: Sealer, feedback_id: str, round_: int) -> str:
    mac = sealer.fingerprint("survey-token", f"{feedback_id}:{round_}")[:32]
    return f"sv1.{feedback_id}.{round_}.{mac}"


def verify(*, sealer: Sealer, token: str) -> tuple[str, int]:
    """The feedback id and round a genuine token was issued for."""
    match = _TOKEN.match(token)
    if match is None:
        raise InvalidSurveyToken("malformed survey token")
    feedback_id, round_text, mac = match.groups()
    expected = sealer.fingerprint("survey-token", f"{feedback_id}:{int(round_text)}")[:32]
    if not hmac.compare_digest(mac, expected):
        raise InvalidSurveyToken("survey token signature does not match")
    return feedback_id, int(round_text)
