"""Phone numbers as customers give them: parsed, validated and normalised to E.164 with libphonenumber."""

from __future__ import annotations

import phonenumbers


class InvalidPhone(ValueError):
    """Not a dialable number for the region (the message never repeats the number)."""


def normalise_phone(raw: str, *, region: str = "CN") -> str:
    """``138-1234-5678`` / ``+86 138 1234 5678`` → ``+8613812345678``; raises ``InvalidPhone``."""
    text = raw.translate({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}).strip()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone("not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone("not a valid phone number for its region")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
