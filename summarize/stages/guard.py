"""Keep quotes out of the model's hands, and check what the model wrote.

``protect``/``restore`` are inverses: a quote is swapped for a placeholder before
translation and swapped back after it. When the model drops, duplicates,
reorders or mangles a placeholder, ``restore`` says so and the caller falls back
to translating the text around the quote in pieces; either way the quote's words
reach the output untouched.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

# Outer, nested marks by target language: the words between them never change.
TARGET_MARKS: dict[str, tuple[str, str]] = {
    "uk": ("«", "»"),
    "ru": ("«", "»"),
    "be": ("«", "»"),
    "de": ("„", "“"),
    "cs": ("„", "“"),
    "pl": ("„", "”"),
    "fr": ("«\u00a0", "\u00a0»"),
    "en": ("“", "”"),
    "es": ("«", "»"),
    "it": ("«", "»"),
}
_QUOTE_CHARS = "\"'«»„“”‚‘’‹›"
_PLACEHOLDER = "QT{}"
_PLACEHOLDER_RE = re.compile(r"QT(\d+)")


@dataclass(frozen=True)
class Piece:
    """A run of a translation unit: plain text for the model, or a protected quote."""

    start: int
    end: int
    quote: int | None = None  # index of the protected quote, None for plain text


def placeholder(n: int) -> str:
    return _PLACEHOLDER.format(n)


def protect(text: str, pieces: list[Piece]) -> str:
    """The unit's text with every protected quote (marks included) replaced by a placeholder."""
    out: list[str] = []
    n = 0
    for piece in pieces:
        if piece.quote is None:
            out.append(text[piece.start : piece.end])
        else:
            n += 1
            out.append(placeholder(n))
    return "".join(out)


def restore(translated: str, replacements: list[str]) -> str | None:
    """Put the quotes back, or None when the model did not return each placeholder once, in order.

    Quote marks the model wrapped around a placeholder are removed, since the
    replacement brings its own.
    """
    found = [int(m.group(1)) for m in _PLACEHOLDER_RE.finditer(translated)]
    if found != list(range(1, len(replacements) + 1)):
        return None

    def swap(match: re.Match[str]) -> str:
        return replacements[int(match.group(1)) - 1]

    marks = re.escape(_QUOTE_CHARS)
    pattern = re.compile(rf"(?:[{marks}]\s?)?QT(\d+)(?:\s?[{marks}])?")

    return pattern.sub(swap, translated)


def marks_for(lang: str | None) -> tuple[str, str] | None:
    return TARGET_MARKS.get(lang or "")


_WORD = re.compile(r"\w+", re.UNICODE)
_RUN = re.compile(r"(.{1,24}?)\1{2,}", re.DOTALL)


def _repeated_share(text: str) -> float:
    """Share of the text taken by a fragment repeated three or more times in a row."""
    covered = sum(m.end() - m.start() for m in _RUN.finditer(text) if m.group(1).strip())
    return covered / max(1, len(text))


def output_problems(source: str, output: str) -> list[str]:
    """Why an output should not be trusted: empty, or repetition "salad"."""
    if not output.strip():
        return ["the model returned an empty text"]
    words = [w.lower() for w in _WORD.findall(output)]
    salad = _repeated_share(output) > 0.25
    if len(words) >= 12:
        trigrams = list(zip(words, words[1:], words[2:]))
        distinct = len(set(trigrams)) / len(trigrams)
        top_share = Counter(words).most_common(1)[0][1] / len(words)
        salad = salad or distinct < 0.5 or top_share > 0.3
    if salad:
        return ["the model's output repeats itself (word salad); do not publish it unchecked"]
    return []


# A translation shorter than this share of its expected length lost something. The
# measured table (wordlists/length_ratios.toml) puts the shortest 1% of people's
# translations above 0.49 of the expected length in every well-measured language, so
# a normal translation is not flagged; losing a clause of two is.
CUT_SHORT = 0.35


def looks_cut_short(source: str, output: str, src: str | None = None, tgt: str | None = None) -> bool:
    """A translation far shorter than expected for its language pair probably lost a
    sentence. Characters per source character differ by script (Chinese takes about
    0.4 of English's, Korean and Japanese 0.6, Ukrainian 1.1): the expectation is
    the measured ratio of the target language over the source's, by language code,
    else by the script the text is written in."""
    size = len(source.strip())
    if size < 40:
        return False
    expected = _chars_per_english(tgt, output) / _chars_per_english(src, source)
    return len(output.strip()) < CUT_SHORT * expected * size


def script_of(text: str) -> str | None:
    """The writing system most letters of ``text`` belong to, by Unicode name (LATIN,
    CYRILLIC, HAN, KANA, HANGUL, …); None for text without letters."""
    import unicodedata

    counts = Counter(unicodedata.name(c, "?").split()[0] for c in text if c.isalpha())
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return {"CJK": "HAN", "HIRAGANA": "KANA", "KATAKANA": "KANA"}.get(name, name)


def _chars_per_english(lang: str | None, text: str) -> float:
    """The median length of a translation from English into ``lang``, per English character."""
    table = length_ratios()
    code = (lang or "").lower().replace("_", "-").split("-")[0]
    if code == "en":
        return 1.0
    if code in table["language"]:
        return float(table["language"][code]["median"])
    return float(table["script"].get(script_of(text) or "", 1.0))


@functools.cache
def length_ratios() -> dict[str, Any]:
    """The measured table; see benchmarks/length_ratios.py for how it was made."""
    import sys
    from importlib.resources import files

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    data = (files("summarize") / "wordlists" / "length_ratios.toml").read_bytes().decode("utf-8")
    return tomllib.loads(data)
