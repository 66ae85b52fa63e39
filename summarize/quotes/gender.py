"""A speaker's grammatical gender and a name's nominative form.

Pronouns must agree with their antecedent, and Ukrainian and Russian inflect names and
verbs by gender and case; these readings let the sieve match 'вона сказала' to a woman
and print 'Аваков', not the genitive 'Авакова'.
"""

from __future__ import annotations

from summarize.quotes.lexicon import (
    _FEMALE_EXTRA,
    _FEMALE_NAMES,
    _FEMALE_WORDS,
    _FIRST_NAMES,
    _FIRST_NAMES_FEMALE,
    _MALE_NAMES,
    _MALE_WORDS,
)
from summarize.quotes.words import _is_cyr


def gender_of(tokens: tuple[str, ...], context: str = "") -> str | None:
    """Best guess at 'm'/'f' from first names, surname endings and role words."""
    ctx = set(context.lower().split())
    if ctx & _FEMALE_WORDS:
        return "f"
    if ctx & _MALE_WORDS:
        return "m"
    if not tokens:
        return None
    first = tokens[0].lower()
    if first in _UK_MALE_A:
        return "m"  # Микола, Петро: men's names with a feminine-looking ending
    if first in _FEMALE_NAMES or first in _FEMALE_EXTRA or first in _FIRST_NAMES_FEMALE:
        return "f"
    if first in _MALE_NAMES or first in _FIRST_NAMES:
        return "m" if not (_is_cyr(first) and first.endswith(("а", "я"))) else "f"
    from summarize.quotes.given_names import gender as given

    known = given(tokens[0]) if len(tokens) >= 2 else None  # 'Mathilde Renaud'; 'Stein' alone is a surname
    if known is not None and not _is_cyr(first):
        return known
    last = tokens[-1].lower()
    if _is_cyr(last):
        if last.endswith(("ська", "цька", "ова", "ева", "єва", "іна", "ина")):
            return "f"
        if len(tokens) >= 2:
            return "f" if first.endswith(("а", "я")) and first not in _UK_MALE_A else "m"
    return None


def role_gender(noun: str) -> str | None:
    """'f' for a role noun that marks a woman (spokeswoman, Politikerin, magistrate…)."""
    low = noun.lower()
    if low.endswith(("woman", "erin", "rin", "ntin", "ière", "rice", "euse", "ниця", "иня", "ка")):
        return "f"
    return None


def verb_gender(verb: str) -> str | None:
    """A Ukrainian past-tense verb says who spoke: заявила (she), заявив (he)."""
    v = verb.lower()
    if _is_cyr(v):
        if v.endswith("ла"):
            return "f"
        if v.endswith("в") or v.endswith("л"):
            return "m"
    return None


_UK_MALE_IY = frozenset(
    ["андрій", "сергій", "олексій", "юрій", "віталій", "анатолій", "георгій", "валерій", "геннадій", "аркадій", "григорій", "дмитрій", "євгеній"]
)

_UK_MALE_ROOTS = frozenset(
    ["олег", "іван", "володимир", "олександр", "богдан", "тарас", "роман", "максим", "ярослав", "віктор", "денис", "артем", "вадим", "степан", "святослав", "станіслав", "владислав", "руслан", "едуард", "борис", "назар", "остап", "орест", "богдан", "мирослав", "ростислав", "кирил", "антон", "леонід", "федір"]
)

_UK_MALE_SOFT = {"ігоря": "Ігор", "василя": "Василь", "миколи": "Микола"}

_UK_MALE_O = {"петра": "Петро", "дмитра": "Дмитро", "павла": "Павло", "михайла": "Михайло", "данила": "Данило"}

_UK_MALE_A = frozenset(["микола", "петро", "дмитро", "павло", "михайло", "данило"])


def nominative(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Undo the genitive of a Ukrainian name ('Наталії Кравець' → 'Наталія Кравець').

    Ukrainian names are declined, and the first mention is often in a genitive
    phrase ('за словами директорки Наталії Кравець'); the speaker must be named
    the way a reader would look them up.
    """
    if not tokens or not _is_cyr(tokens[0]):
        return tokens
    out = list(tokens)
    gender = None
    if len(out) >= 2:
        first = out[0]
        low = first.lower()
        if low in _UK_MALE_O:
            out[0], gender = _UK_MALE_O[low], "m"
        elif low in _UK_MALE_SOFT:
            out[0], gender = _UK_MALE_SOFT[low], "m"
        elif low.endswith("ія") and low[:-1] + "й" in _UK_MALE_IY:
            out[0], gender = first[:-1] + "й", "m"
        elif low.endswith("а") and (low[:-1] in _UK_MALE_ROOTS or (_male_given(first[:-1]) and not _female_given(first))):
            out[0], gender = first[:-1], "m"
        elif low.endswith("ії"):
            out[0], gender = first[:-1] + "я", "f"
        elif len(low) > 3 and low[-1] == "и" and low[-2] not in "аеєиіїоуюяь":
            out[0], gender = first[:-1] + "а", "f"
    for i in range(1 if len(out) >= 2 else 0, len(out)):
        out[i] = _nominative_surname(out[i], gender)
    return tuple(out)


_UK_MALE_SURNAME = ("ов", "ев", "єв", "ін", "їн", "ський", "цький", "зький")  # -ко, -чук: either gender


def _male_given(word: str) -> bool:
    from summarize.quotes.given_names import gender

    return gender(word) == "m"


def _female_given(word: str) -> bool:
    from summarize.quotes.given_names import gender

    return gender(word) == "f"


def _nominative_surname(w: str, gender: str | None) -> str:
    low = w.lower()
    for gen, nom in (("ського", "ський"), ("цького", "цький"), ("зького", "зький")):
        if low.endswith(gen):
            return w[: -len(gen)] + nom
    for gen, nom in (("ської", "ська"), ("цької", "цька"), ("зької", "зька")):
        if low.endswith(gen):
            return w[: -len(gen)] + nom
    if low.endswith("енка"):
        return w[:-1] + "о"
    if gender == "f" and low.endswith("ової"):
        return w[:-2] + "а"
    if gender == "m" and len(low) > 3 and low[-1] == "а" and low[-2] not in "аеєиіїоуюяь":
        return w[:-1]
    return w
