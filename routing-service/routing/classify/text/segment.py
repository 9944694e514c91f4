"""Words of a normalised text: jieba with the retail dictionary (零售詞典), English as words."""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from importlib.resources import files

import jieba

_KEEP = re.compile(r"[\w\u4e00-\u9fff]")


@cache
def retail_words() -> frozenset[str]:
    """The store's own words (收銀員, 消防通道, 缺斤少兩...) that jieba must not split."""
    lines = files(__package__).joinpath("retail_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in sorted(retail_words()):
        tokenizer.add_word(word)
    return tokenizer


@lru_cache(maxsize=4096)
def _cut(normalised: str) -> tuple[str, ...]:
    return tuple(w for w in _tokenizer().lcut(normalised, HMM=True) if _KEEP.search(w))


def words(normalised: str) -> list[str]:
    """Segment a normalised text into words, dropping spaces and punctuation."""
    return list(_cut(normalised))
