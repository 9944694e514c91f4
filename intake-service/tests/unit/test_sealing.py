"""Sealing: personal data encrypted with rotatable keys, keyed hashes for matching."""

import pytest
from cryptography.fernet import Fernet

from intake.privacy.sealing import InvalidToken, Sealer, SealingKeyMissing


def _sealer(*keys: str, hash_key: str = "h" * 32) -> Sealer:
    return Sealer(keys=list(keys), hash_key=hash_key)


def test_sealed_value_opens_to_the_original_and_hides_it():
    sealer = _sealer(Fernet.generate_key().decode())

    sealed = sealer.seal("+8613812345678")

    assert "13812345678" not in sealed
    assert sealer.open(sealed) == "+8613812345678"


def test_sealing_twice_gives_different_ciphertexts():
    sealer = _sealer(Fernet.generate_key().decode())

    assert sealer.seal("x") != sealer.seal("x")


def test_data_sealed_under_an_old_key_still_opens_after_rotation_and_reseals_under_the_new():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed_before = _sealer(old).seal("secret")
    rotated = _sealer(new, old)

    resealed = rotated.reseal(sealed_before)

    assert rotated.open(sealed_before) == "secret"
    assert not rotated.is_current(sealed_before) and rotated.is_current(resealed)
    assert _sealer(new).open(resealed) == "secret"


def test_a_foreign_key_cannot_open():
    sealed = _sealer(Fernet.generate_key().decode()).seal("secret")

    with pytest.raises(InvalidToken):
        _sealer(Fernet.generate_key().decode()).open(sealed)


def test_fingerprint_is_stable_and_depends_on_the_key():
    key = Fernet.generate_key().decode()

    a = _sealer(key, hash_key="one" * 11).fingerprint("phone", "+8613812345678")
    b = _sealer(key, hash_key="one" * 11).fingerprint("phone", "+8613812345678")
    c = _sealer(key, hash_key="two" * 11).fingerprint("phone", "+8613812345678")

    assert a == b != c
    assert len(a) == 64


def test_a_malformed_key_is_refused_at_start():
    with pytest.raises(SealingKeyMissing):
        _sealer("not-a-fernet-key")
