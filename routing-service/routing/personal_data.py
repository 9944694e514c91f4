"""Free text customers and staff write is personal data: sealed at rest, masked unless the reader holds ``pii:read``."""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from closeloop.logs import scrub
from routing.settings import Settings


class PersonalDataKeyMissing(RuntimeError):
    """The service cannot store feedback text without its key (CLOSELOOP_PII_KEY)."""


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


def cipher(settings: Settings) -> Fernet:
    if settings.pii_key is None:
        raise PersonalDataKeyMissing("CLOSELOOP_PII_KEY is not set: routing seals feedback text at rest with it")
    return _fernet(settings.pii_key.get_secret_value())


def seal(settings: Settings, text: str | None) -> str | None:
    if text is None:
        return None
    return cipher(settings).encrypt(text.encode()).decode()


def unseal(settings: Settings, token: str | None) -> str | None:
    if token is None:
        return None
    try:
        return cipher(settings).decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def shown(text: str | None, *, may_read_personal_data: bool) -> str | None:
    """What a reader sees: the text itself with ``pii:read``, else with phone numbers and e-mails masked."""
    if text is None or may_read_personal_data:
        return text
    return scrub(text)
