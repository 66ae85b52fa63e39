"""Given names and their usual gender, from Faker's per-locale name tables.

Why Faker: a well-kept, MIT-licensed package whose person providers list the given
names of about ninety locales (English, German, French, Ukrainian, Spanish, …) by
gender. A capitalised word that is a given name is the best cheap evidence that a
run of capitals names a person rather than a place, a club or a German noun; the
lists load in well under a tenth of a second, and only when a text has quotes.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from summarize.quotes.lexicon import _FIRST_NAMES, _FIRST_NAMES_FEMALE

__all__ = ["gender", "is_given_name"]


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """``name (casefolded) -> "m" | "f" | "u"`` (u: used for both)."""
    table: dict[str, str] = {}
    try:
        import faker.providers.person as person
    except ImportError:  # pragma: no cover - a dependency; the rules then lean on the article
        return table
    for info in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{info.name}").Provider
        except (ImportError, AttributeError):  # pragma: no cover - a broken locale
            continue
        for attr, g in (("first_names_male", "m"), ("first_names_female", "f"), ("first_names", "u")):
            names = provider.__dict__.get(attr)
            if not isinstance(names, (list, tuple, dict, set, frozenset)):
                continue
            for name in names:
                if not isinstance(name, str) or len(name) < 2:
                    continue
                key = name.casefold()
                old = table.get(key)
                if old is None:
                    table[key] = g
                elif g != "u" and old != g:
                    table[key] = g if old == "u" else "u"
    return table


def is_given_name(word: str) -> bool:
    """Is ``word`` (as written, capitalised) a given name in some locale, or in the
    project's own lists (Faker's Ukrainian table lacks 'Юлія', 'Микола')?"""
    return len(word) > 1 and word[0].isupper() and (word.casefold() in _table() or word.casefold() in _FIRST_NAMES)


def gender(word: str) -> str | None:
    """'m' or 'f' where the name is used for one gender only."""
    g = _table().get(word.casefold())
    if g is None:
        key = word.casefold()
        g = "f" if key in _FIRST_NAMES_FEMALE else ("m" if key in _FIRST_NAMES else None)
    return g if g in ("m", "f") else None
