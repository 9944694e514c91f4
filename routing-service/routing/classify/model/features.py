"""What the statistical model sees of a text: character n-grams and jieba words of the normalised text.

Character n-grams carry Chinese without relying on segmentation and survive typos; jieba
words (with the retail dictionary) carry whole terms such as 消防通道. Both are read from
`normalise(text)`, so Traditional and Simplified give the same features.
"""

from __future__ import annotations

import re

from routing.classify.rules import kinds
from routing.classify.rules.lexicon import APP, FACILITY, FOOD, GOODS, PLACE, PROMOTION, STAFF
from routing.classify.rules.matching import NOW, PAST
from routing.classify.text import words

# Word classes as features: "mentions staff" carries to a staff title the corpus never used.
_CLASSES = {
    name: re.compile(pattern)
    for name, pattern in (("staff", STAFF), ("food", FOOD), ("goods", GOODS), ("facility", FACILITY), ("app", APP),
                          ("promotion", PROMOTION), ("place", PLACE))
}
_CUES = {
    "question": re.compile(r"[?？吗]|请问|(?<![a-z])(?:what|when|where|how|do you|is there|can i)(?![a-z])"),
    "complaining": kinds.COMPLAINING_QUESTION,
    "praise": kinds.PRAISE,
    "suggestion": kinds.SUGGESTS,
    "past": PAST,
    "now": NOW,
}

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
    out.extend(f"§{name}" for name, pattern in _CLASSES.items() if pattern.search(normalised))
    out.extend(f"§cue:{name}" for name, pattern in _CUES.items() if pattern.search(normalised))
    tokens = words(normalised)
    out.extend(f"w:{t}" for t in tokens)
    out.extend(f"w:{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False))
    return out
