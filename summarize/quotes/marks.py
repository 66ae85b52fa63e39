"""Quote marks into spans: which characters open and close a quotation, apostrophes and
elisions that only look like marks, nesting, and the newspaper rule that a quote running
on over paragraphs reopens each one without closing the last.

A matter of characters only; what the spans are and who speaks them is decided later.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_MARKS = re.compile("[\"'“”„‟‘’‚‛«»‹›]")

_FAMILY = {
    '"': "d", "“": "d", "”": "d", "„": "d", "‟": "d",
    "'": "s", "‘": "s", "’": "s", "‚": "s", "‛": "s",
    "«": "g", "»": "g", "‹": "h", "›": "h",
}

_PARTNER = {"«": "»", "»": "«", "‹": "›", "›": "‹"}

_ELISIONS = re.compile(
    r"(?:n|tis|twas|em|cause|cos|til|till|bout|round|ere|nuff|s)(?![\w])|\d", re.IGNORECASE
)

_PARA_BREAK = re.compile(r"\n[^\S\n]*\n\s*|\u2029\s*")


def _space(c: str) -> bool:
    return c == "" or c.isspace()


def _punct(c: str) -> bool:
    return c != "" and unicodedata.category(c)[0] in "PS"


@dataclass
class _Mark:
    pos: int
    ch: str
    family: str
    can_open: bool
    can_close: bool
    weak: bool = False  # a closer that may well be a plural possessive apostrophe


@dataclass
class _Pair:
    open: int
    close: int | None  # position of the closing mark, None when never closed
    end: int  # where the quoted text ends
    family: str
    multi: bool = False


def _classify(text: str, pos: int, lo: int, hi: int) -> _Mark | None:
    """Decide whether the mark at ``pos`` may open and/or close a quotation.

    Flanking (what stands either side) decides, as in Markdown: a mark followed
    by a word and preceded by a space opens, one preceded by a word and followed
    by a space or punctuation closes. Apostrophes are marks between letters or
    before elisions and decades, and are dropped here.
    """
    ch = text[pos]
    prev = text[pos - 1] if pos > lo else ""
    nxt = text[pos + 1] if pos + 1 < hi else ""
    left = not _space(nxt) and (_space(prev) or _punct(prev))
    right = not _space(prev) and (_space(nxt) or _punct(nxt))
    fam = _FAMILY[ch]
    if fam == "s":
        if prev.isalnum() and nxt.isalnum():
            return None
        if ch in "'‘’‛" and (_space(prev) or _punct(prev)) and _ELISIONS.match(text, pos + 1, hi):
            return None  # 'n', 'tis, the '90s
        if prev in "nN" and pos >= 2 and text[pos - 2] in "'‘’" and (pos < 3 or _space(text[pos - 3])):
            return None  # the second mark of rock 'n' roll
        if ch == "’":
            return _Mark(pos, ch, fam, False, right, weak=_weak(text, pos, hi))
        if ch == "‚":
            return _Mark(pos, ch, fam, left, False) if left else None
        if ch in "‘‛":
            return _Mark(pos, ch, fam, left, right and not left)
        if left and right:
            return _Mark(pos, ch, fam, False, True)
        if not left and not right:
            return None
        return _Mark(pos, ch, fam, left, right, weak=right and _weak(text, pos, hi))
    if fam in "gh":
        # « opens and » closes, unless the text is in the reversed German style
        # (»Wir schaffen das«), which shows in a word on the inner side only.
        prev_word = prev.isalnum() or (prev != "" and prev in ".,!?…")
        inner_word = prev_word if ch in "«‹" else nxt.isalnum()
        outer_word = nxt.isalnum() if ch in "«‹" else prev_word
        reversed_style = inner_word and not outer_word
        opens = (ch in "«‹") != reversed_style
        return _Mark(pos, ch, fam, opens, not opens)
    if ch == "„":
        return _Mark(pos, ch, fam, True, False)
    if ch == "”":
        return _Mark(pos, ch, fam, left and not right, not (left and not right))
    if left == right:
        return _Mark(pos, ch, fam, True, True)  # decided by what is open
    return _Mark(pos, ch, fam, left, right)


def _weak(text: str, pos: int, hi: int) -> bool:
    """soldiers' courage, Republicans’ plan: an s-final word, then more words."""
    return (
        pos > 0
        and text[pos - 1] in "sSzZxX"
        and pos + 2 < hi
        and text[pos + 1] == " "
        and text[pos + 2].isalnum()
    )


def _compatible(closer: _Mark, opener: _Mark) -> bool:
    if closer.family != opener.family:
        return False
    if closer.family in "gh":
        return _PARTNER[opener.ch] == closer.ch
    if closer.family == "d":
        return closer.ch != "„"
    return not (closer.ch == "‘" and opener.ch not in "‚'")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank lines separate them, or single newlines in a text
    that has no blank lines and whose lines end like sentences."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    if len(spans) == 1 and text.count("\n") >= 1:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        ends = sum(1 for ln in lines if ln.rstrip()[-1:] in ".!?\"”»:…'’")
        if len(lines) >= 2 and ends >= 0.6 * len(lines):
            spans = []
            pos = 0
            for m in re.finditer(r"\n\s*", text):
                spans.append((pos, m.start()))
                pos = m.end()
            spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if s < e]


def _rstrip_end(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1].isspace():
        e -= 1
    return e


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _pair(text: str, paras: list[tuple[int, int]], warnings: list[str]) -> list[_Pair]:
    """Pair marks paragraph by paragraph, carrying an open quote into the next
    paragraph only when that paragraph opens with a quote mark (newspaper rule)."""
    pairs: list[_Pair] = []
    carried: _Mark | None = None
    for k, (ps, pe) in enumerate(paras):
        marks = [m for m in (_classify(text, x.start(), ps, pe) for x in _MARKS.finditer(text, ps, pe)) if m]
        stack: list[_Mark] = []
        if carried is not None:
            stack.append(carried)
            if marks and marks[0].pos == _first_char(text, ps, pe):
                marks = marks[1:]  # the re-opening mark belongs to the quote
        multi_open = carried
        carried = None
        for i, m in enumerate(marks):
            if m.can_close:
                idx = next((j for j in range(len(stack) - 1, -1, -1) if _compatible(m, stack[j])), None)
                apostrophe = m.weak and (
                    _strong_later(marks, i, stack[idx])
                    if idx is not None
                    else False
                )
                if idx is not None and m.weak and not apostrophe and idx == 0 and k + 1 < len(paras):
                    # 'Patients’ dignity…' in a paragraph that the next one continues
                    apostrophe = _continues(text, stack[0], paras[k + 1]) and not any(
                        x.can_close and not x.weak and _compatible(x, stack[0]) for x in marks[i + 1 :]
                    )
                if idx is not None and not apostrophe:
                    op = stack[idx]
                    del stack[idx:]
                    pairs.append(_Pair(op.pos, m.pos, m.pos, m.family, multi=op is multi_open))
                    continue
            if m.can_open:
                ambiguous_single = m.can_close and m.family == "s"
                if not ambiguous_single or _later_closer(marks, i):
                    stack.append(m)
            elif m.can_close and m.family in "dg" and m.ch != "'" and not text[m.pos - 1 : m.pos].isdigit():
                warnings.append(
                    f"An unmatched closing quote mark {m.ch} at line {_line_of(text, m.pos)} "
                    f"(offset {m.pos}) was ignored."
                )
        if not stack:
            continue
        outer = stack[0]
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if nxt is not None and _continues(text, outer, nxt):
            carried = outer
            continue
        starts_para = outer.pos == _first_char(text, ps, pe)
        if outer.family in "dgh" or starts_para:
            end = _rstrip_end(text, outer.pos + 1, pe)
            if end > outer.pos + 1:
                pairs.append(_Pair(outer.pos, None, end, outer.family, multi=outer is multi_open))
                warnings.append(
                    f"The quote opened by {outer.ch} at line {_line_of(text, outer.pos)} "
                    f"(offset {outer.pos}) is never closed; it was ended at its paragraph."
                )
    return pairs


def _first_char(text: str, s: int, e: int) -> int:
    while s < e and text[s].isspace():
        s += 1
    return s


def _continues(text: str, opener: _Mark, para: tuple[int, int]) -> bool:
    p = _first_char(text, *para)
    if p >= para[1]:
        return False
    m = _classify(text, p, para[0], para[1]) if _MARKS.match(text, p) else None
    if m is None or not m.can_open or m.family != opener.family:
        return False
    return m.family not in "gh" or m.ch == opener.ch


def _strong_later(marks: list[_Mark], i: int, opener: _Mark) -> bool:
    """Is there a later, non-apostrophe-like closer for ``opener`` before the
    enclosing quote ends?"""
    for m in marks[i + 1 :]:
        if m.family != opener.family and m.can_close and m.family != "s":
            return False
        if m.family == opener.family and m.can_open and not m.can_close:
            return False  # "'illegal activities' and 'unbalanced …'": a new quote opens first
        if m.can_close and not m.weak and _compatible(m, opener):
            return True
    return False


def _later_closer(marks: list[_Mark], i: int) -> bool:
    return any(m.can_close and m.family == marks[i].family for m in marks[i + 1 :])
