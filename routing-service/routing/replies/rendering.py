"""Filling a template's placeholders, choosing the customer's language, and the words a notice may carry."""

from __future__ import annotations

import string
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import opencc

from closeloop.logs import scrub
from routing.replies.standard import LABELS

_FORMATTER = string.Formatter()


class BadTemplate(ValueError):
    """A template uses a placeholder its purpose does not offer, or placeholder syntax beyond ``{name}``."""


def placeholders_in(body: str) -> set[str]:
    names: set[str] = set()
    try:
        parsed = list(_FORMATTER.parse(body))
    except ValueError as exc:
        raise BadTemplate(f"unbalanced braces: {exc}") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise BadTemplate(f"placeholder {{{name}}} must be a plain {{name}}, without format or index")
        names.add(name)
    return names


def render(body: str, values: dict[str, object]) -> str:
    """The body with every placeholder filled; one without a value is left visible rather than guessed."""
    return body.format_map({name: values.get(name, f"{{{name}}}") for name in placeholders_in(body)})


def language_for(*, requested: str | None, case_language: str | None, store_calendar: str | None,
                 default: str, text: str | None = None) -> str:
    """zh-Hant, zh-Hans or en: what was asked, else the feedback's language, else the script the customer wrote
    in, else the store's region's script."""
    for candidate in (requested, case_language):
        chosen = _language(candidate)
        if chosen:
            return chosen
    if text:
        written = script_of(text)
        if written:
            return written
    if store_calendar in ("HK", "TW", "MO"):
        return "zh-Hant"
    if store_calendar == "CN":
        return "zh-Hans"
    return default


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def script_of(text: str) -> str | None:
    """zh-Hant when OpenCC's Traditional→Simplified conversion changes the text, zh-Hans when the reverse does,
    en for text with Latin letters and no Chinese; None when it cannot tell."""
    if _converter("t2s").convert(text) != text:
        return "zh-Hant"
    if _converter("s2t").convert(text) != text:
        return "zh-Hans"
    if any("a" <= c.lower() <= "z" for c in text) and not any("\u4e00" <= c <= "\u9fff" for c in text):
        return "en"
    return None


def _language(tag: str | None) -> str | None:
    if not tag:
        return None
    lowered = tag.lower()
    if lowered in ("zh-hant", "zh-tw", "zh-hk", "zh-mo") or lowered.startswith("zh-hant"):
        return "zh-Hant"
    if lowered in ("zh", "zh-hans", "zh-cn", "zh-sg") or lowered.startswith("zh-hans"):
        return "zh-Hans"
    if lowered.startswith("en"):
        return "en"
    return None


def label(language: str, code: str | None) -> str:
    if code is None:
        return ""
    return LABELS.get(language, LABELS["en"]).get(code, code)


def summary(*, language: str, category: str, subcategory: str | None, kind: str, theme_words: list[str]) -> str:
    """What a notice says about a case: its labels and theme words (主題詞), never the customer's own words."""
    parts = [label(language, kind), f"{label(language, category)}/{subcategory}" if subcategory else ""]
    themes = [scrub(w) for w in theme_words[:5] if w and "*" not in scrub(w)]
    if themes:
        parts.append(f"{label(language, 'themes')}: {'、'.join(themes)}")
    return " · ".join(p for p in parts if p)


def local_time(at: datetime | None, timezone: str | None, language: str) -> str:
    if at is None:
        return {"en": "as soon as possible"}.get(language, "盡快" if language == "zh-Hant" else "尽快")
    return at.astimezone(ZoneInfo(timezone or "Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")


