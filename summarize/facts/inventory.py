"""The facts of a text a reader trusts after its quotes: numbers, amounts and dates.

Beside the quote inventory and in its spirit: offsets into the text as read, no
model, one pass of regular expressions. Every fact carries a ``value`` in one
canonical form whatever the language wrote, so that "1,250" (English), "1 250"
(Ukrainian) and "1.250" (German) compare equal, and "$4.5 million" equals
"4,5 млн доларів". How each language writes them (group and decimal symbols, month
names, scale words such as "млн" or "Mrd.", percent words, currency symbols) comes
from ``locales.py``: Babel's locale data and ``wordlists/facts.toml``.

Canonical values: a plain number "1250" or "4.5"; a range "10-12"; a percentage
"12%"; an ordinal "3."; money "4500000 USD"; a date "2024-03-03", "--03-03" (no
year) or "2024-03" (month and year); a time "T14:30". ``render.py`` writes a fact
back in a target language; ``names.py`` finds the people an article names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from summarize.facts.locales import SPACES, Conventions, conventions, locale_code

__all__ = ["KINDS", "Fact", "conventions", "find_facts", "locale_code"]

KINDS = ("number", "money", "date", "name")
_DASHES = "-–—"
_RAW = re.compile(r"\d+(?:[.,\u00a0\u202f' ]\d+)*")
_TIME = re.compile(r"(?<![\w.:])([01]?\d|2[0-3]):([0-5]\d)(?![\w:])")
_ISO_DATE = re.compile(r"(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_DOTTED_DATE = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w])")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Fact:
    """One figure of a text: its words as written, what kind it is, and its value."""

    text: str
    kind: str  # number | money | date | name
    value: str
    start: int
    end: int


# --- numbers ----------------------------------------------------------------------------


def _canonical(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _split_raw(raw: str, conv: Conventions) -> list[tuple[int, int, Decimal]]:
    """The numbers in a run of digits and separators: (start, end, value) within ``raw``.

    Groups after a group symbol must have three digits; a decimal symbol (or the other
    convention's, when what follows is not a group of three) starts the fraction.
    """
    parts = re.findall(r"\d+|[^\d]", raw)
    out: list[tuple[int, int, Decimal]] = []
    pos = 0
    i = 0
    offsets = []
    for p in parts:
        offsets.append(pos)
        pos += len(p)
    while i < len(parts):
        if not parts[i].isdigit():
            i += 1
            continue
        begin = offsets[i]
        digits = parts[i]
        j = i + 1
        grouped = len(digits) <= 3
        while (
            grouped and j + 1 < len(parts) and parts[j] in conv.group and parts[j + 1].isdigit()
            and len(parts[j + 1]) == 3
            and parts[j] != conv.decimal
        ):
            digits += parts[j + 1]
            j += 2
        fraction = ""
        if j + 1 < len(parts) and parts[j] in ".," and parts[j + 1].isdigit():
            if parts[j] == conv.decimal or len(parts[j + 1]) != 3 or j > i + 1:
                fraction = parts[j + 1]
                j += 2
            elif parts[j] not in conv.group:
                # "1.250" where "." is not a group symbol: read as the other convention's group
                digits += parts[j + 1]
                j += 2
        end = offsets[j - 1] + len(parts[j - 1])
        try:
            value = Decimal(digits + ("." + fraction if fraction else ""))
        except InvalidOperation:  # pragma: no cover - only digits reach here
            value = Decimal(0)
        out.append((begin, end, value))
        i = j
    return out


@dataclass
class _Token:
    start: int
    end: int
    value: Decimal
    high: Decimal | None = None  # the end of a range


def _tokens(text: str, conv: Conventions, taken: list[tuple[int, int]]) -> list[_Token]:
    found: list[_Token] = []
    for m in _RAW.finditer(text):
        for a, b, value in _split_raw(m.group(), conv):
            a, b = m.start() + a, m.start() + b
            if any(s <= a < e for s, e in taken):
                continue
            before = text[max(0, a - 2) : a]
            if before[-1:].isalpha() or (before[-1:] in _DASHES and before[:1].isalpha()):
                continue  # F-16, COVID-19, G7: names, not figures
            if (
                b < len(text) and text[b].isalpha() and text[b].casefold() not in "kmbt"
                and not _ordinal_suffix(text, b, conv)
                and not any(text[b:].casefold().startswith(s) for s in conv.scales)
            ):
                continue  # 5G, 3D
            found.append(_Token(a, b, value))
    merged: list[_Token] = []
    for t in found:
        prev = merged[-1] if merged else None
        if prev is not None and prev.high is None:
            gap = text[prev.end : t.start]
            if gap.strip(SPACES) and len(gap) <= 3 and gap.strip(SPACES) in _DASHES:
                prev.high, prev.end = t.value, t.end
                continue
        merged.append(t)
    return merged


def _ordinal_suffix(text: str, pos: int, conv: Conventions) -> int | None:
    for suffix in conv.ordinals:
        if text[pos : pos + len(suffix)].casefold() == suffix:
            end = pos + len(suffix)
            if end >= len(text) or not text[end].isalpha():
                return end
    return None


# --- putting a fact together ------------------------------------------------------------


def _month_after(text: str, pos: int, conv: Conventions) -> tuple[int, int] | None:
    """(month, end) of a month name written at ``pos`` after spaces."""
    m = re.compile(r"[\s\u00a0\u202f]*([^\W\d_]+)\.?", re.UNICODE).match(text, pos)
    if m and m.group(1).casefold() in conv.months:
        return conv.months[m.group(1).casefold()], m.end(1)  # a period is the sentence's
    return None


def _month_before(text: str, pos: int, conv: Conventions) -> tuple[int, int] | None:
    """(month, start) of a month name that ends just before ``pos`` (spaces between)."""
    m = re.compile(r"([^\W\d_]+)\.?[\s\u00a0\u202f]+$", re.UNICODE).search(text[max(0, pos - 20) : pos])
    if m and m.group(1).casefold() in conv.months:
        return conv.months[m.group(1).casefold()], max(0, pos - 20) + m.start(1)
    return None


def _year_after(text: str, pos: int) -> tuple[int, int] | None:
    m = re.compile(r",?[\s\u00a0\u202f]+(\d{4})(?!\d)").match(text, pos)
    if m and 1000 <= int(m.group(1)) <= 2999:
        return int(m.group(1)), m.end()
    return None


def _date_value(year: int | None, month: int, day: int | None) -> str:
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _as_date(text: str, t: _Token, conv: Conventions) -> tuple[int, int, str] | None:
    """The date this figure belongs to: "3 March 2024", "March 3, 2024", "3. März", "March 2024"."""
    if t.high is not None or t.value != t.value.to_integral_value():
        return None
    n = int(t.value)
    after_num = t.end
    suffix = _ordinal_suffix(text, t.end, conv)
    if suffix is not None:
        after_num = suffix
    elif text[t.end : t.end + 1] == ".":
        after_num = t.end + 1  # German "3. März"
    if 1 <= n <= 31:
        month = _month_after(text, after_num, conv)
        if month is not None:
            year = _year_after(text, month[1])
            end = year[1] if year else month[1]
            return t.start, end, _date_value(year[0] if year else None, month[0], n)
        before = _month_before(text, t.start, conv)
        if before is not None:
            year = _year_after(text, after_num if suffix is not None else t.end)
            end = year[1] if year else (after_num if suffix is not None else t.end)
            return before[1], end, _date_value(year[0] if year else None, before[0], n)
    if 1000 <= n <= 2999 and len(text[t.start : t.end]) == 4:
        before = _month_before(text, t.start, conv)
        if before is not None:
            return before[1], t.end, _date_value(n, before[0], None)
    return None


def _scale(text: str, pos: int, conv: Conventions) -> tuple[int, int] | None:
    j = pos
    while j < len(text) and text[j] in SPACES:
        j += 1
    m = re.compile(r"[^\W\d_]+\.?", re.UNICODE).match(text, j)
    if not m:
        return None
    word = m.group().casefold()
    stem = word.rstrip(".")
    if stem in conv.scales:
        # an abbreviation keeps its period ("Mrd."), a word leaves it to the sentence
        return conv.scales[stem], m.end() if len(stem) <= 4 else j + len(stem)
    for known, factor in conv.scales.items():
        if len(known) >= 5 and stem.startswith(known[:-1]) and len(stem) - len(known) <= 3:
            return factor, m.end() - (1 if m.group().endswith(".") else 0)
    return None


def _currency_before(text: str, pos: int, conv: Conventions) -> tuple[str, int] | None:
    head = text[max(0, pos - 5) : pos]
    for symbol, cur in sorted(conv.currency_before.items(), key=lambda kv: -len(kv[0])):
        for gap in ("", " ", "\u00a0"):
            if head.endswith(symbol + gap):
                start = pos - len(symbol + gap)
                if symbol.isalpha() and start > 0 and text[start - 1].isalpha():
                    continue
                return cur, start
    return None


def _currency_after(text: str, pos: int, conv: Conventions) -> tuple[str, int] | None:
    j = pos
    while j < len(text) and text[j] in SPACES:
        j += 1
    link = re.compile(conv.links, re.IGNORECASE).match(text, j) if conv.links else None
    if link:
        j = link.end()
    low = text[j : j + 40].casefold()
    for word, cur in conv.currency_after:
        if not low.startswith(word):
            continue
        end = j + len(word)
        if word[-1].isalpha():
            rest = 0
            while end < len(text) and text[end].isalpha():
                end += 1
                rest += 1
            if rest > 4 or (rest and len(word) < 3):
                continue
        return cur, end
    return None


def _percent(text: str, pos: int, conv: Conventions) -> int | None:
    j = pos
    while j < len(text) and text[j] in SPACES:
        j += 1
    low = text[j : j + 20].casefold()
    for word in conv.percent:
        if low.startswith(word):
            end = j + len(word)
            if word[-1].isalpha():
                while end < len(text) and text[end].isalpha():
                    end += 1
            return end
    return None


def _fact(text: str, t: _Token, conv: Conventions) -> Fact:
    """The whole figure around a number: its date, amount, scale, currency or percent sign."""
    date = _as_date(text, t, conv)
    if date is not None:
        a, b, value = date
        return Fact(text[a:b], "date", value, a, b)
    start, end = t.start, t.end
    low, high = t.value, t.high
    pre = _currency_before(text, start, conv)
    scale = _scale(text, end, conv)
    if scale is not None:
        factor, end = scale
        low, high = low * factor, (high * factor if high is not None else None)
    post = _currency_after(text, end, conv)
    amount = _canonical(low) + (f"-{_canonical(high)}" if high is not None else "")
    if pre is not None or post is not None:
        cur = pre[0] if pre is not None else post[0]  # type: ignore[index]
        start = pre[1] if pre is not None else start
        end = post[1] if post is not None and pre is None else end
        return Fact(text[start:end], "money", f"{amount} {cur}", start, end)
    percent = _percent(text, end, conv)
    if percent is not None:
        return Fact(text[start:percent], "number", f"{amount}%", start, percent)
    ordinal = _ordinal_suffix(text, end, conv) if high is None else None
    if ordinal is not None:
        return Fact(text[start:ordinal], "number", f"{amount}.", start, ordinal)
    return Fact(text[start:end], "number", amount, start, end)


def find_facts(text: str, lang: str | None = None) -> list[Fact]:
    """Every number, amount, date and time of ``text``, in order; offsets index ``text``."""
    conv = conventions(lang)
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for m in _ISO_DATE.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            facts.append(Fact(m.group(), "date", f"{y:04d}-{mo:02d}-{d:02d}", m.start(), m.end()))
            taken.append(m.span())
    for m in _DOTTED_DATE.finditer(text):
        d, mo, y = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31 and not any(s <= m.start() < e for s, e in taken):
            facts.append(Fact(m.group(), "date", f"{y:04d}-{mo:02d}-{d:02d}", m.start(), m.end()))
            taken.append(m.span())
    for m in _TIME.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            facts.append(Fact(m.group(), "date", f"T{int(m.group(1)):02d}:{m.group(2)}", m.start(), m.end()))
            taken.append(m.span())
    cursor = 0
    for t in _tokens(text, conv, taken):
        if t.start < cursor:
            continue
        fact = _fact(text, t, conv)
        if fact.start < cursor:
            continue
        facts.append(fact)
        cursor = fact.end
    return sorted(facts, key=lambda f: f.start)
