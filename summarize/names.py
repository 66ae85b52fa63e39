"""Person names in Ukrainian (and Russian) text: case, gender, and name-vs-place.

Ukrainian news names people in oblique cases ("за словами Наталії Кравець",
"сказав Зеленському"), but a quote's speaker must be reported the way a reader
would look the person up: in the nominative ("Наталія Кравець"). Hand-written
ending rules get the common patterns and break on the rest: surnames that do
not decline for women (Кравець, Шевчук, Петренко), foreign surnames that do
decline (Макрона, Трампа), and given names whose genitive looks like another
name's nominative (Олександра). A morphological dictionary knows each word's
paradigm, so this module asks pymorphy3 and its dictionaries instead.

pymorphy3 is imported lazily and the analyzer is built once, on first use, so
importing this module stays cheap: ``summarize quotes`` must start fast, and
most documents are not Ukrainian. Where pymorphy3 or the language's dictionary
is not installed, every function degrades to "don't know" (names come back
unchanged, predicates are False, genders None) and the caller keeps its own
rules.
"""

from __future__ import annotations

import functools
from typing import Any

# Languages whose pymorphy3 dictionaries tag given names (Name), surnames (Surn)
# and patronymics (Patr). The Russian dictionary is a dependency of pymorphy3
# itself; the Ukrainian one is the separate package pymorphy3-dicts-uk.
_LANGS = frozenset({"uk", "ru"})

# Which case to prefer when a name reads equally well in several: nominative
# first, so an ambiguous name ("Олександра": a woman, or a man in the
# genitive) is left as written rather than changed on a guess; then the cases
# attribution phrases use most ("за словами X" gent, "сказав X-ові" datv).
# No vocative: a speaker is never addressed in the attribution, and vocative
# readings turn acronyms into names ("НАТО" is the vocative of Ната).
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_GENDERS = ("masc", "femn")
_NAME_TAGS = ("Name", "Surn", "Patr")
_APOSTROPHES = "'’ʼ"  # the three apostrophes Ukrainian text uses


@functools.cache  # lru_cache(maxsize=None): one analyzer per language, per process
def _analyzer(lang: str) -> Any | None:
    """The pymorphy3 analyzer for ``lang``, built once; None if unavailable.

    Building it loads the dictionary (~50 ms for Ukrainian), which is why it is
    deferred until a Ukrainian or Russian name is actually seen.
    """
    if lang not in _LANGS:
        return None
    try:
        import pymorphy3  # deferred: keeps `import summarize.names` cheap

        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ImportError, ValueError, OSError, KeyError):
        # No pymorphy3, or no dictionary package for this language.
        return None


def _parses(word: str, lang: str) -> list[Any]:
    morph = _analyzer(lang)
    return [] if morph is None else morph.parse(word)


def _is_name_parse(p: Any) -> bool:
    return any(t in p.tag.grammemes for t in _NAME_TAGS)


def _gender(p: Any) -> str | None:
    """masc/femn of a singular parse; 'ms-f' (Russian common gender) is both."""
    g = p.tag.gender
    g = None if g is None else str(g)  # a validated grammeme; compare as text
    return g if g in ("masc", "femn", "ms-f") else None


def _fits(p: Any, gender: str, case: str) -> bool:
    g = _gender(p)
    return p.tag.number != "plur" and p.tag.case == case and g in (gender, "ms-f")


def _rank(p: Any, pos: int, n: int) -> tuple[int, int, int]:
    """How good a parse of the word at ``pos`` (of ``n``) is as part of a name.

    Name-tagged parses beat plain animate nouns, which beat adjectives (an
    unlisted "-ський" surname parses as an adjective), which are used only
    when nothing better fits. A given name is expected first and a surname
    last. Among given names the longer lemma wins: "Кирила" is Кирило far more
    often than the Russian-style Кирил, "Данила" Данило, and so on.
    """
    tag = p.tag
    if _is_name_parse(p):
        kind = 3
    elif tag.POS == "NOUN" and tag.animacy == "anim":
        kind = 2
    elif tag.POS == "ADJF":
        kind = 1
    else:
        return (0, 0, 0)
    role = 0
    if ("Name" in tag.grammemes and pos == 0 and n > 1) or (
        "Surn" in tag.grammemes and pos == n - 1
    ):
        role = 1
    length = len(p.normal_form) if "Name" in tag.grammemes else 0
    return (kind, role, length)


def _candidate(word: str) -> bool:
    """Whether a token of a name can carry case: not a particle or an initial.

    "фон", "де", "ван" in "Урсули фон дер Ляєн" are written in lower case and
    never decline; "В." is an initial. Both are kept as they are.
    """
    letters = "".join(c for c in word if c != "-" and c not in _APOSTROPHES)
    return bool(letters) and letters.isalpha() and word[0].isupper()


def _restore(orig: str, new: str) -> str:
    """Give ``new`` (a lower-case dictionary form) the spelling habits of ``orig``.

    The stem keeps the original's letters exactly (capitals inside the word,
    after a hyphen, or the whole word in capitals) and its apostrophe, since
    Ukrainian texts mix ' ’ ʼ and the speaker must read as in the source.
    """
    apos = next((c for c in orig if c in _APOSTROPHES), None)
    if apos is not None:
        new = "".join(apos if c in _APOSTROPHES else c for c in new)
    if orig.isupper() and len(orig) > 1:
        return new.upper()
    k = 0
    low = orig.lower()
    while k < min(len(low), len(new)) and low[k] == new[k]:
        k += 1
    out = orig[:k] + new[k:]
    # Capitals that start a word or a hyphenated part stay capitals.
    chars = list(out)
    for i, c in enumerate(chars):
        if (i == 0 or chars[i - 1] == "-") and i < len(orig) and orig[i].isupper():
            chars[i] = c.upper()
    return "".join(chars)


def nominative(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """A person's name (given name, optional patronymic, surname) in the nominative.

    ``("Наталії", "Кравець")`` → ``("Наталія", "Кравець")``; ``("Зеленському",)``
    → ``("Зеленський",)``; ``("Емманюеля", "Макрона")`` → ``("Емманюель", "Макрон")``.

    The words of one name share gender and case, and that is what resolves
    their ambiguities: "Кравець" alone is a man in the nominative or a woman
    in any case, but next to "Наталії" (feminine genitive) it is hers and stays
    as it is. So every (gender, case) pair is tried for the whole name, each
    word takes its best parse that fits, and the pair that fits the most words
    wins, ties going to the nominative (leave the text alone when it reads
    correctly as written). Words that fit no parse are left unchanged.

    Languages other than Ukrainian and Russian (which do not decline names, or
    have no dictionary here) and any language without pymorphy3 installed get
    the words back unchanged, so the caller can fall back to its own rules.
    """
    if lang not in _LANGS or not words or _analyzer(lang) is None:
        return words
    n = len(words)
    parses = [_parses(w, lang) if _candidate(w) else [] for w in words]
    best: tuple[tuple[int, int, int], list[Any | None]] | None = None
    for ci, case in enumerate(_CASES):
        for gender in _GENDERS:
            chosen: list[Any | None] = []
            score = [0, 0, -ci]  # words fitted, name-tagged words fitted, case preference
            for pos, ps in enumerate(parses):
                fit = [
                    (r, i)
                    for i, p in enumerate(ps)
                    if _fits(p, gender, case) and (r := _rank(p, pos, n))[0] > 0
                ]
                if not fit:
                    chosen.append(None)
                    continue
                # Best rank; among equals, pymorphy3's own order (its likeliest first).
                _, i = max(fit, key=lambda t: (t[0], -t[1]))
                chosen.append(ps[i])
                score[0] += 1
                score[1] += _is_name_parse(ps[i])
            key = (score[0], score[1], score[2])
            if best is None or key > best[0]:
                best = (key, chosen)
    if best is None or best[0][0] == 0:
        return words
    out = []
    for word, p in zip(words, best[1]):
        if p is None or p.tag.case == "nomn":
            out.append(word)
            continue
        form = p.inflect({"nomn"})
        out.append(word if form is None else _restore(word, form.word))
    return tuple(out)


def given_name_gender(word: str, lang: str) -> str | None:
    """'m' or 'f' for a given name in any case ("Олени" → 'f', "Ігорю" → 'm').

    Only the dictionary's given-name (Name) readings count, singular ones: a
    speaker's gender picks the pronoun that refers back to them, so a guess
    is worse than no answer. A form that reads as both ("Олександра": her,
    nominative; him, genitive) gives None. Readings in the locative or
    vocative count only when nothing else is left: "Юлії" is Юлія in three
    cases and Юлій only after "при"/"у", which attribution phrases never use.
    Every language but Ukrainian and Russian gives None: the only first-name
    list for English, German and French evaluated (gender-guesser, on PyPI)
    is GPL-3.0.
    """
    if lang not in _LANGS or not _candidate(word):
        return None
    readings = [
        (_gender(p), str(p.tag.case))
        for p in _parses(word, lang)
        if "Name" in p.tag.grammemes and p.tag.number != "plur" and _gender(p)
    ]
    genders = {g for g, c in readings if c not in ("loct", "voct")} or {g for g, _ in readings}
    if genders == {"masc"}:
        return "m"
    if genders == {"femn"}:
        return "f"
    return None


def _has_tag(word: str, lang: str, tag: str) -> bool:
    # Test tag.grammemes, not `tag in p.tag`: pymorphy3 raises on a grammeme its
    # dictionary lacks (the Ukrainian one has no Geox).
    return (
        lang in _LANGS
        and _candidate(word)
        and any(tag in p.tag.grammemes for p in _parses(word, lang))
    )


def is_given_name(word: str, lang: str) -> bool:
    """Whether some reading of ``word`` is a given name (pymorphy3's Name tag).

    Lets a caller tell a person ("Олени", "Ігоря") from other capitalised
    words. Some place names share a form with a rare name ("Києві" is also
    the locative of Кий), so this says "can be", not "is".
    """
    return _has_tag(word, lang, "Name")


def is_surname(word: str, lang: str) -> bool:
    """Whether some reading of ``word`` is a surname (pymorphy3's Surn tag).

    Like ``is_given_name`` this says "can be": "Львова" is both the genitive
    of the city Львів and a form of the surname Львов.
    """
    return _has_tag(word, lang, "Surn")


def is_place(word: str, lang: str) -> bool:
    """Whether some reading of ``word`` is a place name (pymorphy3's Geox tag).

    Only the Russian dictionary tags places (and organisations, Orgn); the
    Ukrainian one (pymorphy3-dicts-uk 2.4.1) has no Geox or Orgn tag at all, so
    for Ukrainian this is always False: "Києва" is an inanimate noun, nothing
    more. Use ``is_given_name``/``is_surname`` to recognise people instead.
    """
    return _has_tag(word, lang, "Geox")
