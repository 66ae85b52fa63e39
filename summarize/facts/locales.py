"""How each language writes its figures: the conventions ``inventory.py`` reads a text by.

Babel's locale data gives the group and decimal symbols, month names, scale words
("млн", "Mrd."), percent words and currency symbols; ``wordlists/facts.toml`` adds the
running-text words Babel lacks (the noun "dollar", ordinal endings, the words between an
amount and its currency). Built once per language and cached: finding facts in a text
is a separate job, done in ``inventory.py`` with these tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

__all__ = ["SPACES", "Conventions", "conventions", "locale_code", "table"]

SPACES = "\u00a0\u202f "


@dataclass(frozen=True)
class Conventions:
    lang: str
    group: frozenset[str]
    decimal: str
    months: dict[str, int]
    scales: dict[str, int]
    percent: tuple[str, ...]
    currency_before: dict[str, str]  # symbols and codes written before the amount
    currency_after: tuple[tuple[str, str], ...]  # (casefolded prefix, code), longest first
    ordinals: tuple[str, ...]
    links: str  # a regex of the words between an amount and its currency ("d'euros")


def _data() -> dict:
    import sys
    from importlib.resources import files

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads((files("summarize") / "wordlists" / "facts.toml").read_bytes().decode("utf-8"))


@lru_cache(maxsize=1)
def table() -> dict:
    """``wordlists/facts.toml``, read once."""
    return _data()


def locale_code(lang: str | None) -> str:
    """``lang`` if Babel knows it, else English: the conventions a text is read by."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(lang or "en")
        return lang or "en"
    except (UnknownLocaleError, ValueError):
        return "en"


@lru_cache(maxsize=32)
def conventions(lang: str | None) -> Conventions:
    """How ``lang`` writes numbers, months, scales, percentages and currencies."""
    from babel import Locale, numbers, units

    code = locale_code(lang)
    loc = Locale.parse(code)
    group = numbers.get_group_symbol(code)
    decimal = numbers.get_decimal_symbol(code)
    groups = {group, "\u00a0", "\u202f"}
    if group in SPACES:
        groups.add(" ")
    months: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for n, name in loc.months[context][width].items():
                months.setdefault(name.casefold().rstrip("."), n)
    scales: dict[str, int] = {}
    for exponent in (3, 6, 9, 12):
        for count in (1, 2, 5, Decimal("1.5"), 21):
            for style in ("long", "short"):
                written = numbers.format_compact_decimal(
                    count * 10**exponent, format_type=style, locale=code, fraction_digits=1
                )
                word = re.sub(r"[\d.,\s\u00a0\u202f]+", " ", written).strip()
                if word and not word.isdigit():
                    scales.setdefault(word.casefold(), 10**exponent)
    percent = {"%"}
    for count in (1, 2, 5, Decimal("1.5")):
        written = units.format_unit(count, "concentr-percent", locale=code, length="long")
        word = re.sub(r"[\d.,\s\u00a0\u202f]+", " ", written).strip()
        if word:
            percent.add(word.casefold())
    data = table()
    codes: list[str] = data["currencies"]["codes"]
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for cur in codes:
        for where in (code, "en"):
            symbol = numbers.get_currency_symbol(cur, where)
            before.setdefault(symbol, cur)
            after.setdefault(symbol.casefold(), cur)
        before.setdefault(cur, cur)
        after.setdefault(cur.casefold(), cur)
        for count in (1, 2, 5, Decimal("1.5")):
            after.setdefault(numbers.get_currency_name(cur, count, code).casefold(), cur)
        heads = data["currencies"]["heads"].get(code.split("_")[0], {})
        for head in heads.get(cur, []):
            after.setdefault(head.casefold(), cur)
    for symbol, cur in (("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("₴", "UAH"), ("¥", "JPY")):
        before.setdefault(symbol, cur)
        after.setdefault(symbol, cur)
    ordinals = tuple(sorted(data["ordinals"].get(code.split("_")[0], []), key=len, reverse=True))
    return Conventions(
        code, frozenset(groups), decimal, months, scales,
        tuple(sorted(percent, key=len, reverse=True)), before,
        tuple(sorted(after.items(), key=lambda kv: len(kv[0]), reverse=True)), ordinals,
        "|".join(data["currencies"].get("links", {}).get(code.split("_")[0], [])),
    )
