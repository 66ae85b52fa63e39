"""Write a fact the way a target language writes it: what a protected figure turns into.

``facts.find_facts`` reads the result back to the same value (a tested promise), so a
figure put back after translation is confirmed by the same check that asked for it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from summarize.facts.inventory import Fact
from summarize.facts.locales import locale_code, table

__all__ = ["render"]


def _decimal(value: str) -> Decimal:
    return Decimal(value)


def _number(value: str, lang: str, grouped: bool = True) -> str:
    from babel import numbers

    d = _decimal(value)
    places = max(0, -d.normalize().as_tuple().exponent)  # type: ignore[operator]
    pattern = ("#,##0" if grouped or d >= 10000 else "0") + ("." + "0" * places if places else "")
    return numbers.format_decimal(d, format=pattern, locale=lang)


def _ordinal(value: str, lang: str) -> str:
    n = int(value)
    base = lang.split("_")[0]
    if base == "en":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return f"{n}{table()['ordinals']['render'].get(base, '.')}"


def render(fact: Fact, lang: str | None) -> str:
    """The fact written the way ``lang`` writes it (a name as the source wrote it)."""
    import datetime

    from babel import dates, numbers

    code = locale_code(lang)
    value = fact.value
    if fact.kind == "name":
        return fact.text  # a name goes back as the source wrote it
    if fact.kind == "money":
        amount, cur = value.split(" ")
        low, _, high = amount.partition("-")
        if high:
            return f"{_number(low, code)}–{_number(high, code)} {cur}"
        d = _decimal(low)
        if d >= 1_000_000:
            return numbers.format_compact_currency(d, cur, locale=code, fraction_digits=3)
        return numbers.format_currency(d, cur, locale=code, format_type="standard").replace(
            numbers.get_decimal_symbol(code) + "00", ""
        )
    if fact.kind == "date":
        if value.startswith("T"):
            return value[1:]
        if value.startswith("--"):
            month, day = int(value[2:4]), int(value[5:7])
            return dates.format_skeleton("MMMMd", datetime.date(2000, month, day), locale=code)
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 2:
            return dates.format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=code)
        return dates.format_date(datetime.date(*parts), "long", locale=code)
    if value.endswith("%"):
        low, _, high = value[:-1].partition("-")
        sign = numbers.format_percent(0, locale=code).replace("0", "")
        body = _number(low, code) + (f"–{_number(high, code)}" if high else "")
        return f"{body}{sign}" if sign.strip() == "%" else body + sign
    if value.endswith("."):
        return _ordinal(value[:-1], code)
    low, _, high = value.partition("-")
    grouped = not re.fullmatch(r"\d+(?:[.,]\d+)?", fact.text)  # "2023" stays "2023"
    return _number(low, code, grouped) + (f"–{_number(high, code, grouped)}" if high else "")
