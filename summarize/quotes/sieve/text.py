"""Small readings of the article's text that several families of sieve rules share: pronouns,
articles, whether a verb follows a name, a phrase's head noun.
"""

from __future__ import annotations

import re

from summarize.quotes.lexicon import _GROUP_HEADS, _TITLES
from summarize.quotes.words import _is_title

_RELATIVES = frozenset(["which", "who", "whom", "that", "qui", "que", "der", "die", "das", "який", "яка", "які"])

_INTERVIEW = re.compile(r"\s+(?:to|with|mit|avec|à|з|із)\b", re.IGNORECASE)

_PLURAL_PRONOUNS = frozenset(["they", "вони", "ils", "elles"])

_POSSESSIVE = ("his", "her", "their", "its", "our", "sein", "seine", "ihr", "ihre", "son", "sa", "ses", "leur", "його", "її", "їхній")

_INDEFINITE = ("a", "an", "one", "another", "some", "several", "un", "une", "des", "ein", "eine", "einer")

_DEFINITE = ("the", "der", "die", "das", "le", "la", "les", "l'", "l’")

_WORDY = re.compile(r"[^\W\d_][\w'’.-]*")

_PRONOUN_SUBJECT = {
    "he": "m", "she": "f", "він": "m", "вона": "f", "il": "m", "elle": "f", "er": "de", "sie": "de",
}


def _opens_verb(words: list[str]) -> bool:
    """Does a lower-case word (a verb, in news prose) follow the name's words?"""
    for i, w in enumerate(words[1:4], 1):
        if w[:1].islower():
            return w.strip(",.") not in ("of", "and", "de", "du", "von", "і", "та")
        if w.endswith(","):
            # 'Nadia Karimi, rang …' closes an appositive; 'Paris, Lyon' does not
            return i + 1 < len(words) and words[i + 1][:1].islower()
        if w.endswith("."):
            return False
    return False


def _head_noun(words: list[str]) -> str | None:
    """The role or group noun of a short description: its last word before 'of'."""
    cut = []
    for w in words:
        if w.lower() in ("of", "for", "at", "from", "de", "du", "des", "von", "der", "з", "із") and cut:
            break
        cut.append(w)
    for w in reversed(cut):  # 'the tribunal's president', 'очільник МЗС'
        head = w.strip(",.;:’'")
        if _is_title(head) or _GROUP_HEADS.search(head) or head.lower() in _TITLES:
            return head
    return None


def _describe(phrase: str) -> str:
    """The article's own short description, as written (first letter lowered
    unless it is a name)."""
    phrase = phrase.strip(" ,.;:")
    first = phrase.split()[0]
    if first[:1].isupper() and (
        first.lower() in _INDEFINITE + _DEFINITE + _POSSESSIVE or _GROUP_HEADS.fullmatch(first)
    ):
        phrase = phrase[0].lower() + phrase[1:]  # 'Officials said' -> 'officials', as mid-sentence
    return phrase


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a and b) and a[-1][:4].lower() == b[-1][:4].lower()
