"""Word lists the attribution rules match: speech verbs, titles, names, pronouns.

The words live in ``summarize/wordlists/*.toml`` (one file per language plus
``common.toml`` for words shared across languages), kept apart from the rules in
``attribution.py`` so that adding a verb or a title for a language is an edit of a
data file, not a change of logic. This module loads them once, at import, into the
same names and types the rules use: frozensets for sets, tuples for prefix lists,
``|``-joined strings and compiled regexes for the alternations.
"""

from __future__ import annotations

import re


def _load() -> dict[str, dict]:
    """Parse every word-list file: ``{"en": {...}, ..., "common": {...}}``."""
    import sys
    from importlib.resources import files

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    folder = files("summarize") / "wordlists"
    names = ("en", "uk", "de", "fr", "common")  # the pronoun table is read in this order
    return {n: tomllib.loads((folder / f"{n}.toml").read_bytes().decode("utf-8")) for n in names}


def _list(data: dict, name: str, section: str, key: str) -> list[str]:
    """One ordered list from one file (regex alternations, prefix tuples)."""
    return list(data[name][section][key])


def _set(data: dict, section: str, key: str = "words") -> frozenset[str]:
    """The union of ``[section] key`` over every file that has it."""
    return frozenset(w for d in data.values() for w in d.get(section, {}).get(key, ()))


_DATA = _load()

_EN_VERBS = "|".join(_list(_DATA, "en", "speech", "verbs"))
_UK_STEMS = "|".join(_list(_DATA, "uk", "speech", "stems"))
_UK_PRESENT = "|".join(_list(_DATA, "uk", "speech", "present"))
_DE_VERBS = "|".join(_list(_DATA, "de", "speech", "verbs"))
_FR_PARTICIPLES = "|".join(_list(_DATA, "fr", "speech", "participles"))
_FR_PRESENT = "|".join(_list(_DATA, "fr", "speech", "present"))

# One alternation for every language: a cue word of one language is almost never a
# word of another, and matching them together means ``lang`` is optional.
_SPEECH = re.compile(
    r"(?<![\w-])(?:"
    rf"(?:a|ont|avait|aurait)\s+(?:(?:encore|aussi|également|ensuite|enfin|déjà|alors|notamment)\s+)?(?:{_FR_PARTICIPLES})"
    r"|(?:a|avait|aurait)-t?-?(?P<fr_inv1>il|elle|on)\s+[^\W\d_]+"
    r"|за\s+(?P<uk_poss>його|її)\s+словами"
    rf"|(?:{_FR_PRESENT})-(?:t-)?(?P<fr_inv2>il|elle|on)"
    rf"|{_EN_VERBS}|{_DE_VERBS}|{_FR_PRESENT}"
    rf"|(?:{_UK_STEMS})(?:в|ла|ли|ло|л)|{_UK_PRESENT}"
    r")(?![\w-])",
    re.IGNORECASE,
)
# Verbs of saying or judging by which a sentence credits a short quote to its subject.
_JUDGING = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for n in ("en", "uk", "de", "fr") for w in _list(_DATA, n, "judging", "verbs")) + r")\b",
    re.IGNORECASE,
)
_LANGS = ("en", "uk", "de", "fr")
# A group or unnamed source ('officials', 'the organisers'): the end of a word.
_GROUP_HEADS = re.compile(
    "(?:" + "|".join(re.escape(w) for n in _LANGS for w in _list(_DATA, n, "descriptions", "group_heads")) + ")$",
    re.IGNORECASE,
)
# A body that speaks as one ('the ministry'): the whole word.
_ORG_HEAD = re.compile(
    "^(?:" + "|".join(re.escape(w) for n in _LANGS for w in _list(_DATA, n, "descriptions", "org_heads")) + ")$",
    re.IGNORECASE,
)
# German subjunctive I: the grammar of reported speech.
_SUBJUNCTIVE = re.compile(r"\b(?:" + "|".join(_list(_DATA, "de", "reported", "subjunctive")) + r")\b")
_SPEECH_NOUNS = "|".join(_list(_DATA, "en", "speech", "nouns"))
_SO_CUE = re.compile(r"(?<![\w-])so(?=\s+(?:der|die|[A-ZÄÖÜ]))")

# A speaker quoting their own words inside their quote: the verb right before them,
# and the subjects that would make those words someone else's.
_OWN_SPEECH = _set(_DATA, "own_speech")
_OWN_SPEECH_OTHERS = _set(_DATA, "own_speech", "others")

# German: endings of a compound naming a body, and words that after '„…“,' are no verb.
_DE_ORG_SUFFIXES = tuple(_list(_DATA, "de", "descriptions", "org_suffixes"))
_DE_NOT_VERBS = frozenset(_list(_DATA, "de", "inverted", "not_verbs"))
_DOCUMENTS = _set(_DATA, "documents")
_KIN = _set(_DATA, "kin")
_SOURCE_NOUNS = frozenset(_list(_DATA, "common", "sources", "nouns"))
_CALLED = tuple(_list(_DATA, "common", "called", "words"))
_AGAINST = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in _list(_DATA, "common", "against", "words")) + r")\s+$",
    re.IGNORECASE,
)
_ABOUT_THIS = re.compile(
    r"\s*(?:" + "|".join(re.escape(w) for w in _list(_DATA, "common", "about_this", "openers")) + r")\b", re.IGNORECASE
)
_DE_DETERMINERS = frozenset(_list(_DATA, "de", "bare_names", "determiners"))
_DE_NOUN_SUFFIXES = tuple(_list(_DATA, "de", "bare_names", "noun_suffixes"))

# Pronoun -> gender ("m"/"f"), in file order: en, uk, de, fr.
_PRONOUNS = {w: g for d in _DATA.values() for w, g in d.get("pronouns", {}).items()}
_TITLES = _set(_DATA, "titles")
_UK_TITLE_PREFIXES = tuple(_list(_DATA, "uk", "titles", "prefixes"))
_DE_TITLE_SUFFIXES = tuple(_list(_DATA, "de", "titles", "suffixes"))
_ORG_WORDS = _set(_DATA, "organisations")
_NOT_NAMES = _set(_DATA, "not_names")
_CYR_NOT_NAME_PREFIXES = tuple(_list(_DATA, "uk", "not_names", "prefixes"))
_STOP = _set(_DATA, "stopwords")
_ARTICLES = _set(_DATA, "stopwords", "articles")
_PARTICLES = _set(_DATA, "particles")
_FIRST_NAMES_FEMALE = _set(_DATA, "first_names", "female")
_FIRST_NAMES = _set(_DATA, "first_names", "male") | _FIRST_NAMES_FEMALE
_RELATIVE = re.compile(
    r"^\s*(?:" + "|".join(_list(_DATA, "common", "relative", "openers")) + r")\b",
    re.IGNORECASE,
)
_FEMALE_NAMES = _set(_DATA, "gender", "female_names")
_MALE_NAMES = _set(_DATA, "gender", "male_names")
_FEMALE_EXTRA = _set(_DATA, "gender", "female_extra")
_FEMALE_WORDS = _set(_DATA, "gender", "female_words")
_MALE_WORDS = _set(_DATA, "gender", "male_words")

# Only the word lists (and ``re``) stay module-level names, as before the move.
del _DATA, _load, _list, _set, _LANGS
