"""Sealing personal data at rest: Fernet (AES-128-CBC + HMAC-SHA256) with rotatable keys, and keyed hashes.

Keys come from settings only: ``pii_key`` lists one or more Fernet keys, newest first; data sealed
under an older key still opens and is re-sealed under the newest by ``python -m intake.privacy.rotate``.
``pii_hash_key`` keys the HMAC used to find a customer again without decrypting anyone.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from intake.settings import Settings


class SealingKeyMissing(RuntimeError):
    """intake refuses to start without keys: it would otherwise store personal data in clear."""


class Sealer:
    """Encrypts and decrypts personal data, and hashes it for matching."""

    def __init__(self, *, keys: Sequence[str], hash_key: str) -> None:
        if not keys:
            raise SealingKeyMissing("at least one pii_key is required")
        if not hash_key:
            raise SealingKeyMissing("pii_hash_key is required")
        try:
            self._fernets = [Fernet(k.strip().encode()) for k in keys]
        except ValueError as exc:
            raise SealingKeyMissing(
                "pii_key must be 32 url-safe base64-encoded bytes (Fernet.generate_key())"
            ) from exc
        self._multi = MultiFernet(self._fernets)
        self._hash_key = hash_key.encode()

    @classmethod
    def from_settings(cls, settings: Settings) -> Sealer:
        if settings.pii_key is None or settings.pii_hash_key is None:
            raise SealingKeyMissing("set CLOSELOOP_PII_KEY and CLOSELOOP_PII_HASH_KEY before starting intake")
        keys = [k for k in settings.pii_key.get_secret_value().split(",") if k.strip()]
        return cls(keys=keys, hash_key=settings.pii_hash_key.get_secret_value())

    def seal(self, value: str) -> str:
        """Ciphertext of ``value`` under the newest key."""
        return self._multi.encrypt(value.encode()).decode()

    def open(self, sealed: str) -> str:
        """The clear value; raises ``InvalidToken`` if no configured key opens it."""
        return self._multi.decrypt(sealed.encode()).decode()

    def is_current(self, sealed: str) -> bool:
        """Whether ``sealed`` is already under the newest key (rotation skips it)."""
        try:
            self._fernets[0].decrypt(sealed.encode())
        except InvalidToken:
            return False
        return True

    def reseal(self, sealed: str) -> str:
        """Re-encrypt under the newest key (key rotation)."""
        return self._multi.rotate(sealed.encode()).decode()

    def fingerprint(self, kind: str, value: str) -> str:
        """Keyed HMAC-SHA256 of a normalised value; equal values match, the value cannot be recovered."""
        return hmac.new(self._hash_key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


__all__ = ["InvalidToken", "Sealer", "SealingKeyMissing"]
