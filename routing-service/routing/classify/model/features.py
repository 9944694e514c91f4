"""What the statistical model sees of a text: character n-grams and jieba words of the normalised text.

Character n-grams carry Chinese without relying on segmentation and survive typos; jieba
words (with the retail dictionary) carry whole terms such as 消防通道. Both are read from
`normalise(text)`, so Traditional and Simplified give the same features.
"""

from __future__ import annotations

import re

from routing.classify.text import words

_PUNCT = re.compile(r"[\s,，.。!！?？;；:：、()（）\"'\-]+")
CHAR_NGRAMS = (1, 2, 3)


def features(normalised: str) -> list[str]:
    """Feature strings of one normalised text (the analyzer of the TF-IDF vectoriser)."""
    compact = _PUNCT.sub(" ", normalised).strip()
    out: list[str] = []
    for n in CHAR_NGRAMS:
        for i in range(len(compact) - n + 1):
            gram = compact[i:i + n]
            if gram.strip() and not (n > 1 and gram.isascii() and " " in gram.strip()):
                out.append(gram)
    tokens = words(normalised)
    out.extend(f"w:{t}" for t in tokens)
    out.extend(f"w:{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False))
    return out
