"""The people an article names, and whether a translation still names them.

The names come from the quote attribution (the speakers it found); a translation
must carry each in a recognisable form: verbatim, or the same letters once both are
written in Latin (anyascii) and a few spellings of one sound are unified ("Dzhon" and
"John", "Kirbi" and "Kirby"), compared with rapidfuzz.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarize.facts.inventory import Fact

__all__ = ["find_names", "locate_name"]

_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def find_names(text: str, people: Sequence[str]) -> list[Fact]:
    """Every place ``text`` writes the full name of one of ``people`` (the speakers the
    quote attribution found): what a translation must carry in a recognisable form."""
    found: list[Fact] = []
    for name in dict.fromkeys(people):
        words = name.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            continue  # "police", "the Environment Agency": not a person's name
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")
        found += [Fact(m.group(), "name", name, m.start(), m.end()) for m in pattern.finditer(text)]
    return sorted(found, key=lambda f: f.start)


def _ascii(word: str) -> str:
    from anyascii import anyascii

    latin = re.sub(r"[^a-z]", "", anyascii(word).casefold())
    for written, sound in _SOUNDS:
        latin = latin.replace(written, sound)
    return latin


# Spellings that stand for one sound across romanisations: "Dzhon" and "John", "Kirbi"
# and "Kirby" must compare as the same name.
_SOUNDS = (("sch", "sh"), ("tz", "z"), ("ts", "z"), ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("ck", "k"), ("ph", "f"), ("w", "v"),
           ("y", "i"), ("c", "k"), ("x", "ks"), ("q", "k"))


def locate_name(text: str, name: str, near: float = 75.0) -> tuple[int, int] | None:
    """Where ``text`` writes ``name``: verbatim, or transliterated and inflected
    ("Олена Ортіс", "Ортіса") compared letter by letter after writing both in Latin.

    Every word of the name must be there, in order; returns the span from the first
    to the last, or None.
    """
    from rapidfuzz import fuzz

    exact = text.find(name)
    if exact >= 0:
        return exact, exact + len(name)
    tokens = [(m.start(), m.end(), _ascii(m.group())) for m in _NAME_WORD.finditer(text)]
    wanted = [_ascii(w) for w in name.split()]
    start = end = None
    i = 0
    for w in wanted:
        while i < len(tokens):
            a, b, t = tokens[i]
            i += 1
            if t and fuzz.ratio(w, t[: len(w) + 2]) >= near:
                start = a if start is None else start
                end = b
                break
        else:
            return None
    return (start, end) if start is not None and end is not None else None
