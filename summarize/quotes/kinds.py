"""What each quoted span is and which cue belongs to it: a direct quote, a partial one
within a sentence, a mere mention ('the so-called "reset"'), one utterance split by its
attribution; then the sieve names the speakers.

Sentence bounds and the cue search run here, between pairing marks (``marks``) and
building the public ``Quote`` values (``detect``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace

from summarize.quotes.attribution import Attributor, Cue
from summarize.quotes.marks import _Pair, _rstrip_end
from summarize.quotes.speakers import Sieve

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
