"""Find quotations, their speakers and kinds in a document's text.

Rule-based and dependency-free on purpose: it runs on every document before any
model, so it must be fast and must never import torch or transformers.

This module pairs quote marks into spans (apostrophes, nesting, the newspaper
paragraph rule) and decides each span's kind; ``attribution.py`` names speakers.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace

from summarize.quotes.attribution import Attributor, Cue
from summarize.quotes.speakers import Sieve
from summarize.record import Evidence

__all__ = ["Quote", "QuoteScan", "find_quotes"]


@dataclass(frozen=True)
class Quote:
    """One quoted span of the source.

    Offsets index the text as read, so that ``text == source[start:end]`` always
    holds; ``mark_start``/``mark_end`` include the quote marks themselves.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # direct | partial | split | multi-paragraph | mention
    mark_start: int
    mark_end: int
    speaker_span: tuple[int, int] | None = None
    utterance: int = 0  # pieces of one split utterance share this id
    nested: bool = False  # lies inside another quote
    speaker_confidence: str | None = None  # explicit | inferred; None when no speaker
    speaker_evidence: Evidence | None = None


@dataclass(frozen=True)
class QuoteScan:
    """What the detector found, and what it had to guess about."""

    quotes: tuple[Quote, ...]
    warnings: tuple[str, ...] = ()


# --- marks ------------------------------------------------------------------------

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


# --- kinds ------------------------------------------------------------------------

_MENTION_BEFORE = re.compile(
    r"(?:so-called|so called|called|call|calls|calling|dubbed|nicknamed|named|titled|"
    r"entitled|known as|term|word|words|phrase|slogan|hashtag|film|movie|book|novel|song|"
    r"album|show|series|play|operation|campaign|programme|program|brand|label|motto|"
    r"newspaper|magazine|channel|website|app|initiative|project|party|group|"
    r"так звана|так званої|так званий|так зване|так звані|так званого|так званих|"
    r"так званій|так званою|під назвою|назвав|назвала|назвали|називає|називають|фільм|книга|"
    r"книгу|пісня|пісню|гурт|операції|операція|операцію|проєкт|програма|програми|"
    r"sogenannte|sogenannten|sogenannter|sogenanntes|so genannte|so genannten|genannt|"
    r"namens|titel|film|buch|operation|begriff|wort|motto|"
    r"dite|dit|baptisé|baptisée|surnommé|surnommée|intitulé|intitulée|appelé|appelée|"
    r"livre|chanson|mot|terme|expression|opération|qualifié de|qualifiée de|journal)"
    r"[\s,]*(?:a|an|the|it|them|him|her|this|the\s+\w+|as|[«»\"“„'‘]?)?\s*$",
    re.IGNORECASE,
)
_TERMINAL = ".!?…"
_SENT_END = re.compile(r"[.!?…]+[\"”’»)]*\s+(?=[\"“„«‘'(\[]?[A-ZА-ЯЄІЇҐ])|\n")
_ABBREV = re.compile(r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sen|Rep|Gov|St|Jr|Sr|No|vs|U\.S|Prof|Mt)\.$")
_ORDINAL = re.compile(r"(?<![\d.])\d{1,2}\.$")  # German ordinals: 1. FC Köln, am 3. März


@dataclass
class _Info:
    pair: _Pair
    start: int
    end: int
    mark_end: int
    para: tuple[int, int]
    mark_start: int | None = None
    nested: bool = False
    kind: str = "direct"
    cue: Cue | None = None
    cue_after: bool = False
    speaker: str | None = None
    utterance: int = 0
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def open(self) -> int:
        return self.mark_start if self.mark_start is not None else self.pair.open


def _how(cue: Cue | None, how: str) -> Cue | None:
    """Say where a cue was found, unless it already says (a colon cue)."""
    return replace(cue, how=how) if cue is not None and not cue.how else cue


# A French inverted speech verb ('a-t-il expliqué', 'poursuit-elle'): inside a quote it
# can only be the writer's attribution, whatever the quote marks.
_INVERSION = re.compile(r"[,—–]\s*(?:a|avait|aurait|[^\W\d_]+e)-t-(?:il|elle|on)\b|[,—–]\s*[^\W\d_]+-(?:il|elle)\s*[,.]")


def _sentence_bounds(
    text: str, pos: int, para: tuple[int, int], outer: list[tuple[int, int]], lang: str = ""
) -> tuple[int, int]:
    """The writer's sentence around ``pos``, never cut inside a quotation."""
    ps, pe = para
    starts = [a for a, _ in outer]  # outer quotes are sorted and never overlap

    def inside(i: int) -> bool:
        k = bisect.bisect_left(starts, i) - 1  # the last quote that opens before i
        return k >= 0 and i < outer[k][1]

    start = ps
    for m in _SENT_END.finditer(text, ps, pe):
        if m.end() > pos:
            break
        if not inside(m.end() - 1) and not _abbrev(text, ps, m.start(), lang):
            start = m.end()
    end = pe
    for m in _SENT_END.finditer(text, pos, pe):
        if not inside(m.end() - 1) and not _abbrev(text, ps, m.start(), lang):
            end = m.start() + 1
            break
    return start, end


def _abbrev(text: str, lo: int, dot: int, lang: str) -> bool:
    """Does the full stop at ``dot`` end an abbreviation (or a German ordinal)?"""
    if _ABBREV.search(text, max(lo, dot - 5), dot + 1):
        return True
    return lang == "de" and bool(_ORDINAL.search(text, max(lo, dot - 4), dot + 1))


_SOFT_MENTION = frozenset(
    ["called", "call", "calls", "calling", "named", "назвав", "назвала", "назвали", "називає",
     "називають", "genannt", "qualifié", "qualifiée", "appelé", "appelée"]
)


def _is_mention(text: str, info: _Info, sent_start: int) -> bool:
    body = text[info.start : info.end]
    pre = text[max(sent_start, info.pair.open - 40) : info.pair.open]
    m = _MENTION_BEFORE.search(pre)
    if m:
        # 'Officials called it "spin"' may be speech, if someone is credited: the
        # speaker rules decide; 'the film "Hedda"' never is
        info.extras["soft_mention"] = m.group().split()[0].lower() in _SOFT_MENTION
        return True
    words = body.split()
    if not words:
        return True
    if body.rstrip()[-1:] in _TERMINAL + ",":
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return len(words) <= 6 and caps == len(words) and not _follows_sentence_start(text, info, sent_start)


def _follows_sentence_start(text: str, info: _Info, sent_start: int) -> bool:
    return not text[sent_start : info.pair.open].strip() and len(text[info.start : info.end].split()) > 3


# --- the public entry ------------------------------------------------------------------


def _infer_lang(text: str) -> str:
    sample = text[:20000]
    cyr = sum(1 for c in sample if "\u0400" <= c <= "\u04ff")
    lat = sum(1 for c in sample if c.isascii() and c.isalpha())
    if cyr > lat:
        return "uk"
    words = re.findall(r"[a-zäöüßéèàçêâîôû']+", sample.lower())
    de = sum(1 for w in words if w in {"der", "die", "und", "das", "nicht", "sagte", "ist", "mit", "sich", "auf"})
    fr = sum(1 for w in words if w in {"le", "la", "les", "et", "des", "est", "une", "selon", "dans", "pas", "du"})
    en = sum(1 for w in words if w in {"the", "and", "of", "to", "said", "is", "in", "that", "was", "for"})
    best = max((en, "en"), (de, "de"), (fr, "fr"))
    return best[1] if best[0] > 0 else "en"


def find_quotes(text: str, lang: str | None = None) -> QuoteScan:
    """Find every quotation in ``text`` with its speaker and kind.

    ``lang`` is a hint (en, uk, ru, de, fr); without it the conventions are
    inferred from the marks and words present.
    """
    warnings: list[str] = []
    paras = _paragraphs(text)
    pairs = _pair(text, paras, warnings)
    if not pairs:
        return QuoteScan((), tuple(warnings))
    lang = (lang or _infer_lang(text)).split("-")[0].lower()
    infos = _build_infos(text, pairs, paras)
    outer = [(i.pair.open, i.mark_end) for i in infos if not i.nested]
    att = Attributor(text, lang, [(i.pair.open + 1, i.end) for i in infos if not i.nested])
    infos = _attribute(text, infos, outer, att, Sieve(text, att, lang, paras))
    return QuoteScan(tuple(_quote(text, i) for i in infos), tuple(warnings))


def _quote(text: str, i: _Info) -> Quote:
    found = i.extras.get("attribution") if i.speaker else None
    return Quote(
        start=i.start,
        end=i.end,
        text=text[i.start : i.end],
        speaker=i.speaker,
        kind=i.kind,
        mark_start=i.mark_start if i.mark_start is not None else i.pair.open,
        mark_end=i.mark_end,
        speaker_span=found.mention if found is not None else None,  # type: ignore[attr-defined]
        utterance=i.utterance,
        nested=i.nested,
        speaker_confidence=found.confidence if found is not None else None,  # type: ignore[attr-defined]
        speaker_evidence=found.evidence if found is not None else None,  # type: ignore[attr-defined]
    )


def _build_infos(text: str, pairs: list[_Pair], paras: list[tuple[int, int]]) -> list[_Info]:
    infos: list[_Info] = []
    para_starts = [p[0] for p in paras]
    for p in pairs:
        s = p.open + 1
        e = p.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        mark_end = p.close + 1 if p.close is not None else e
        k = max(0, _bisect(para_starts, p.open))
        para = (paras[k][0], paras[min(len(paras) - 1, _bisect(para_starts, max(p.open, e - 1)))][1])
        infos.append(_Info(p, s, e, mark_end, para))
    infos.sort(key=lambda i: (i.start, -i.end))
    # nesting: a quote inside another quote's marks
    stack: list[_Info] = []
    for i in infos:
        while stack and stack[-1].mark_end <= i.pair.open:
            stack.pop()
        if stack and i.mark_end <= stack[-1].mark_end:
            i.nested = True
        stack.append(i)
    return infos


def _bisect(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _attribute(
    text: str, infos: list[_Info], outer: list[tuple[int, int]], att: Attributor, sieve: Sieve
) -> list[_Info]:
    """Give each quote a kind, a speaker and an utterance id, in reading order
    (pronouns need the speakers named before them)."""
    tops: list[_Info] = []
    for info in (i for i in infos if not i.nested):
        sent_start, sent_end = _sentence_bounds(text, info.pair.open, info.para, outer, att.lang)
        prev = tops[-1] if tops else None
        body = text[info.start : info.end]
        ends_sentence = body[-1:] in _TERMINAL
        strict = 3 if body[-1:] == "." else (6 if ends_sentence else 15)
        pre_text = text[sent_start : info.pair.open]
        if ends_sentence and pre_text.rstrip()[-1:] == ":":
            # 'Kirby said: "We will win." The official agreed.' -- the colon already
            # names the speaker; what follows the full stop is the next sentence.
            info.cue = _how(att.before(max(sent_start, prev.mark_end if prev else 0), info.pair.open), "before")
            if info.cue is not None and info.cue.how == "colon" and not info.cue.name and info.pair.close is not None:
                # 'Covid-19 : "…", annonce Bruno Le Maire': a speech verb after the
                # quote outranks a colon that names nobody
                info.cue = _how(att.after(info.mark_end, info.para[1], strict), "after") or info.cue
        if info.cue is None and info.pair.close is not None:
            info.cue = _how(att.after(info.mark_end, info.para[1], strict), "after")
            info.cue_after = info.cue is not None
        standalone_pre = not pre_text.strip() or pre_text.rstrip()[-1:] in ":—–"
        inverted = _INVERSION.search(body) is not None  # '"…, a-t-il expliqué, …"' in plain marks
        if info.cue is None and (info.pair.family in "gh" or info.pair.multi or info.pair.close is None or inverted):
            inner = att.within(info.start, info.end)
            if inner is not None:
                cue, first_end, second_start = inner
                cue = _how(cue, "within")
                info.cue = cue
                if second_start >= info.end:  # '«Люди чекали…, — сказав X' and the paragraph ends
                    info.kind = "direct"
                    info.extras["sentence"] = (sent_start, sent_end)
                    tops.append(info)
                    continue
                first = _Info(info.pair, info.start, _rstrip_end(text, info.start, first_end), first_end, info.para)
                second = _Info(info.pair, second_start, info.end, info.mark_end, info.para, mark_start=second_start)
                first.mark_end = first.end
                second.extras["follows"] = first
                for piece in (first, second):
                    piece.cue, piece.kind = cue, "split"
                    piece.extras["inner"] = True
                    piece.extras["sentence"] = (sent_start, sent_end)
                    tops.append(piece)
                continue
        if info.cue is None:
            cue = _how(att.before(max(sent_start, prev.mark_end if prev else 0), info.pair.open), "before")
            if cue is not None:
                info.cue = cue
                standalone_pre = standalone_pre or _intro(pre_text)
        post = text[info.mark_end : info.para[1]].lstrip()
        standalone_post = (
            ends_sentence or body[-1:] in ",:;—–-" or info.cue_after or not post or post[0] in ".,;:!?—–-)"
        )
        if info.pair.multi:
            info.kind = "multi-paragraph"
        elif _is_mention(text, info, sent_start) and not (info.cue_after and info.cue and info.cue.name):
            info.kind = "mention"
        elif standalone_pre and standalone_post:
            info.kind = "direct"
        else:
            info.kind = "partial"
            if info.cue is None:
                info.cue = _how(att.in_sentence(sent_start, sent_end, info.pair.open, info.mark_end), "sentence")
            if info.cue is None and len(body.split()) <= 4:
                info.kind = "mention"
                info.extras["soft_mention"] = True
        info.extras["sentence"] = (sent_start, sent_end)
        tops.append(info)
    _splits(text, tops)
    sieve.run(tops)
    _ids(text, infos, tops)
    own: _Info | None = None  # the inner quote last credited to its outer speaker
    for info in infos:
        if info.nested and info.kind == "mention":
            # "… for what the government calls 'illegal activities'", inside a quote
            found = sieve.what_called(info)
            if found is None or not found.speaker:
                outer = next((t for t in tops if t.start <= info.pair.open and info.end <= t.end), None)
                found = sieve.own_words(info, outer, own) if outer is not None else None
            own = info if found is not None and found.speaker else None
            if found is not None and found.speaker:
                info.kind = "partial"
                info.speaker = found.speaker
                info.extras["attribution"] = found
    return sorted(tops + [i for i in infos if i.nested], key=lambda i: (i.start, -i.end))


def _intro(pre: str) -> bool:
    return pre.rstrip()[-1:] in ":,—–" or not pre.strip()


def _splits(text: str, tops: list[_Info]) -> None:
    """Pieces of one utterance around an attribution: '"The plan," she said, "is
    dead."' and '"…," said Lind, the governor. "…"'. The first piece ends without
    closing its sentence; the second follows the attribution and nothing else."""
    for prev, info in itertools.pairwise(tops):
        if prev.extras.get("inner") or info.extras.get("inner") or prev.cue is None or not prev.cue_after:
            continue
        if prev.para != info.para or text[prev.start : prev.end][-1:] in _TERMINAL:
            continue
        if prev.kind not in ("direct", "split") or info.kind not in ("direct", "partial", "mention"):
            continue
        if info.cue_after and info.cue is not None and (info.cue.name or info.cue.pronoun):
            continue
        gap = text[prev.mark_end : info.pair.open].rstrip()
        if len(gap) > 160 or re.search(r"[.!?]", gap[:-1]):
            continue
        prev.kind = info.kind = "split"
        info.cue = prev.cue
        info.extras["follows"] = prev


def _ids(text: str, infos: list[_Info], tops: list[_Info]) -> None:
    """Number utterances: split pieces share their id, every other quote has its own."""
    uid = 0
    prev: _Info | None = None
    for info in tops:
        same = prev is not None and info.kind == "split" and prev.kind == "split" and info.cue is prev.cue
        if not same:
            uid += 1
        info.utterance = uid
        prev = info
    for info in infos:
        if info.nested:
            uid += 1
            info.utterance = uid
            info.speaker = None
            body = text[info.start : info.end]
            info.kind = "mention" if len(body.split()) <= 4 and body[-1:] not in _TERMINAL + "," else "direct"
