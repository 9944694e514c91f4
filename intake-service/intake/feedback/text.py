"""The customer's words: kept as given, plus a normalised form for matching (Traditional→Simplified via
OpenCC, full-width→half-width, case and whitespace folded)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_WHITESPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def normalise(text: str) -> str:
    """Simplified script, half-width forms (NFKC), lower case, single spaces, trimmed."""
    folded = unicodedata.normalize("NFKC", _to_simplified().convert(text)).lower()
    return _WHITESPACE.sub(" ", folded).strip()


def matching_key(normalised: str) -> str:
    """Only letters and digits: punctuation and spacing never make two texts different."""
    return _NOT_WORD.sub("", normalised)
