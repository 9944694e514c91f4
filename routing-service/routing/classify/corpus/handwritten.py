"""Hand-written training sentences (手寫語料): natural customer messages, labelled by taxonomy.md.

The generated corpus (templates.py) covers every row of the conventions table but in a
narrow wording; these sentences, written by a second author in the registers customers
really use (hotline transcriptions, app reviews, Cantonese, English, mixed, typos, polite
wrappers, questions that report faults, hard negatives such as 火爆的促銷), teach the
model paraphrases the templates never produce. None comes from the development set or
from the hand-labelled evaluation sets in benchmarks/classify.

Format of `written/*.txt`: a header `[category urgency kind subcategory]` labels every
line below it until the next header; `#` starts a comment line.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from routing.classify.labels import LABELS, Example

_FOLDER = "written"


def parse(text: str, *, source: str = "written") -> list[Example]:
    """Examples from one file in the header-and-lines format; refuses unknown labels."""
    out: list[Example] = []
    labels: tuple[str, str, str, str | None] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            parts = line[1:-1].split()
            if len(parts) not in (3, 4):
                raise ValueError(f"line {number}: a header is [category urgency kind subcategory]: {line!r}")
            for head, value in zip(("category", "urgency", "kind"), parts, strict=False):
                if value not in LABELS[head]:
                    raise ValueError(f"line {number}: {value!r} is not a {head} of the taxonomy")
            labels = (parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else None)
            continue
        if labels is None:
            raise ValueError(f"line {number}: a sentence before any [labels] header")
        out.append(Example(line, *labels, source=source))
    return out


@cache
def handwritten_examples() -> tuple[Example, ...]:
    """Every hand-written example, file by file in name order (deterministic)."""
    folder = files(__package__).joinpath(_FOLDER)
    examples: list[Example] = []
    for name in sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".txt")):
        examples.extend(parse(folder.joinpath(name).read_text(encoding="utf-8")))
    return tuple(dict.fromkeys(examples))
