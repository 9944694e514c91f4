"""Masking: how personal data looks to anyone without scope ``pii:read``, in logs and in events."""

from __future__ import annotations

import re

import phonenumbers

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_DIGIT_RUN = re.compile(r"\d")
_MASKED_PHONE = re.compile(r"\d{0,3}\*{4}\d{2,4}")
_MASKED_EMAIL = re.compile(r"[A-Za-z0-9._%+-]\*\*\*@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def mask_digits(digits: str) -> str:
    """``13812345678`` → ``138****5678``; shorter numbers keep less."""
    if len(digits) >= 11:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) >= 7:
        return f"{digits[:2]}****{digits[-2:]}"
    return "*" * len(digits)


def mask_phone(e164: str) -> str:
    """Mask a phone number held in E.164 form by its national significant number (``138****5678``)."""
    try:
        national = phonenumbers.national_significant_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        national = re.sub(r"\D", "", e164)
    return mask_digits(national)


def mask_email(email: str) -> str:
    """``zhang.san@example.com`` → ``z***@example.com``."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask_name(name: str) -> str:
    """``张三丰`` → ``张**``; ``Jane Smith`` → ``J*** S***``."""
    name = name.strip()
    if not name:
        return ""
    if name.isascii():
        return " ".join(f"{word[:1]}***" for word in name.split())
    return name[:1] + "*" * max(len(name) - 1, 1)


def scrub_text(text: str, *, region: str = "CN") -> str:
    """Mask every phone number and e-mail address inside free text, keeping everything else as written.

    Full-width digits (a phone typed with a Chinese IME) are found too: detection runs on a copy with
    full-width forms mapped one-to-one onto ASCII, so positions still point into the original text.
    """
    ascii_view = text.translate(_FULL_WIDTH)
    spans: list[tuple[int, int, str]] = []
    for match in _EMAIL.finditer(ascii_view):
        spans.append((match.start(), match.end(), mask_email(match.group())))
    if len(_DIGIT_RUN.findall(ascii_view)) >= 7:
        for match in phonenumbers.PhoneNumberMatcher(ascii_view, region, leniency=phonenumbers.Leniency.POSSIBLE):
            digits = re.sub(r"\D", "", phonenumbers.national_significant_number(match.number))
            spans.append((match.start, match.end, mask_digits(digits)))
    if not spans:
        return text
    out: list[str] = []
    cursor = 0
    for start, end, replacement in sorted(spans):
        if start < cursor:
            continue
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def erase_masked(text: str) -> str:
    """After erasure even masked traces go: ``138****5678`` → ``***********``, ``z***@x.com`` → ``***@***``."""
    text = _MASKED_EMAIL.sub("***@***", text)
    return _MASKED_PHONE.sub(lambda m: "*" * len(m.group()), text)
