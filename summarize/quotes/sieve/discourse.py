"""Rules that follow the discourse: a pronoun's antecedent, an answer to a question, a quote
that goes on from the one before, the speaker of a neighbouring quote.

These reach back to earlier text and so give ``inferred`` attributions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarize.quotes.attribution import Cue
from summarize.quotes.gender import verb_gender
from summarize.quotes.given_names import is_given_name
from summarize.quotes.lexicon import _AGAINST, _KIN, _SPEECH
from summarize.quotes.names import name_runs
from summarize.quotes.sieve.text import _INDEFINITE, _INTERVIEW, _PRONOUN_SUBJECT, _RELATIVES, _same
from summarize.quotes.sieve.verdict import NOBODY, Attribution, SieveState, Slot
from summarize.quotes.words import _is_cyr

# 'he told Mulcahy': the one spoken to, not a new voice
_ADDRESSEE = re.compile(r"\b(?:told|to|asked|sagte|à|сказав|сказала)\s+$", re.IGNORECASE)

# a verb of quoting whose object is the speaker: '– цитує Шевченка видання'
_QUOTING = re.compile(
    r"[\s\W]{0,4}(?:[\w.]+\s+){0,3}?(цитує|цитують|цитувало|цитував|zitiert|zitierte|cite|citait|quoted|quotes)\s+",
    re.IGNORECASE,
)

# participles that go on with the sentence's subject: ', adding that "…"'
_CONTINUING = re.compile(
    r"adding|saying|noting|insisting|warning|arguing|explaining|stressing|"
    r"ajoutant|précisant|soulignant|estimant|додавши|зазначивши|наголосивши"
)

# 'The paper spoke to another insider who …': whom the writer met speaks next
_MET = re.compile(r"\b(?:spoke|talked|speaking|talking)(?=\s+(?:to|with)\s+(?:a|an|another|one)\s)")

_ASKED = re.compile(
    r"\b(?:was|were|been|being) asked\b|\basked (?:whether|if|about|how|why|what|when)\b|"
    r"\bwurde gefragt\b|\bgefragt, ob\b|\ba été interrogée?\b|\binterrogée? sur\b|\bна запитання\b",
    re.IGNORECASE,
)

_UK_SURNAME_ENDINGS = {
    "m": ("ський", "цький", "зький", "ов", "ев", "єв", "ін", "їн"),
    "f": ("ська", "цька", "зька", "ова", "ева", "єва", "іна", "їна"),
}


def _surname_shape(name: tuple[str, ...], gender: str | None) -> bool:
    """'Живицький повідомив': one Ukrainian word with a surname's nominative ending
    of the verb's gender. Place adjectives of that shape are written in lower case
    mid-sentence, so a capitalised one before a speech verb is a person."""
    if len(name) != 1 or gender not in _UK_SURNAME_ENDINGS or not _is_cyr(name[0]):
        return False
    word = name[0]
    return len(word) > 4 and word[:1].isupper() and word.lower().endswith(_UK_SURNAME_ENDINGS[gender])


class DiscourseRules(SieveState):
    """The sieve's rules that reach back to pronouns and earlier quotes."""

    def _pronoun(self, cue: Cue | None) -> Attribution | None:
        """'"…," he said': the person most recently speaking or named, of that gender."""
        if cue is None or not cue.pronoun:
            return None
        g = verb_gender(cue.verb) or cue.pronoun
        found = self._antecedent(g, cue.span[0])
        if found is None:
            later = self.cataphora(g, cue.span[0])
            if later is None:
                return NOBODY
            return Attribution(later[0], "inferred", "cataphora", cue.verb_span or cue.span, later[1])
        name, mention = found
        return Attribution(name, "inferred", "pronoun", cue.verb_span or cue.span, mention)

    def cataphora(self, gender: str | None, pos: int) -> tuple[str, tuple[int, int]] | None:
        """'"…", – написав він.' as the body's first voice, then 'Живицький
        повідомив, що …': a pronoun before anyone is named points forward, to the
        first person the next paragraphs name, when that person is the subject of
        a speech verb of the pronoun's gender. Anyone named before stops it."""
        if any(
            r.person and r.start < pos and not self._in_headline(r.start) and not self.att.in_quote(r.start)
            for r in self.att.runs
        ):
            return None
        k = self._para_index(pos)
        hi = self.paras[min(k + 2, len(self.paras) - 1)][1]
        later = [r for r in self.att.runs if pos < r.start < hi and not self.att.in_quote(r.start)]
        if not later or not later[0].person:
            return None  # only the first name that follows may be the one meant
        r = later[0]
        verb = _SPEECH.match(self.text, r.end + len(self.text[r.end : r.end + 3]) - len(self.text[r.end : r.end + 3].lstrip(" ,")))
        if verb is None:
            return None
        said = verb_gender(verb.group()) or None
        if said is None and self.lang == "uk":
            return None  # Ukrainian marks the speaker's gender on the verb; want it
        if not (self.att.is_person(r.name, r.start) or _surname_shape(r.name, said)):
            return None
        full = self.att.fullest(r.name, r.start)
        known = self._gender(full) or (said if _surname_shape(r.name, said) else None)
        if gender in ("m", "f") and ((said and said != gender) or (known and known != gender)):
            return None
        return full, (r.start, r.end)

    def answer(self, slot: Slot) -> Attribution | None:
        """'She was asked whether …' then a quote with no cue: the one asked answers."""
        if slot.cue is not None or slot.kind != "direct":
            return None
        k = self._para_index(slot.open)
        lo = self.paras[k - 1][0] if k > 0 else 0
        before = self.text[lo : slot.open]
        asked = list(_ASKED.finditer(before))
        m = asked[-1] if asked else None
        if m is None or before[m.end() :].count(". ") > 1:
            return None
        pronoun = re.search(r"\b(he|she|er|sie|il|elle|він|вона)\b", before[: m.start()], re.IGNORECASE)
        gender = _PRONOUN_SUBJECT.get(pronoun.group(1).lower()) if pronoun else None
        found = self._antecedent(gender if gender in ("m", "f") else None, lo + m.start(), recent=True)
        if found is None:
            return None
        return Attribution(found[0], "inferred", "qa", None, found[1])

    def quoted_by(self, slot: Slot) -> Attribution | None:
        """'"…", - цитує Шевченка Football.ua', '"…," the paper quoted Ruiz as
        saying': the one quoted is the object of the verb of quoting."""
        if slot.cue is not None and (slot.cue.name or slot.cue.pronoun):
            return None
        end = slot.mark_end
        m = _QUOTING.match(self.text, end)
        if not m:
            return None
        runs = [r for r in name_runs(self.text, m.end(), m.end() + 60) if r.person]
        if not runs or runs[0].start - m.end() > 1:
            return None
        r = runs[0]
        name = tuple(w for w in r.name if _is_cyr(w) == _is_cyr(r.name[0]))  # not the outlet after it
        if not name or not (self.att.is_person(name, r.start) or len(name) >= 2):
            return None
        end = r.start + len(self.text[r.start :].split(name[-1], 1)[0]) + len(name[-1])
        return Attribution(self.att.fullest(name, r.start), "explicit", "quoted-by", (m.start(1), m.end(1)), (r.start, end))

    def continued(self, slot: Slot) -> Attribution | None:
        """'"…," Jen Psaki said at a briefing, adding that "…"': a participle goes on
        with the subject of the sentence's earlier attribution."""
        if slot.cue is None or slot.cue.name or slot.cue.pronoun or not slot.cue.verb:
            return None
        if not _CONTINUING.fullmatch(slot.cue.verb.lower()):
            return None
        sent = slot.extras.get("sentence")
        before = [o for o in self.slots if o.open < slot.open and o.extras.get("sentence") == sent]
        if not sent or not before or not before[-1].speaker:
            return None
        found = before[-1].extras.get("attribution")
        if found is None:
            return None
        return Attribution(before[-1].speaker, "inferred", found.rule, slot.cue.verb_span, found.mention)

    def sentence_before(self, slot: Slot) -> Attribution | None:
        """'Про це він заявив у Facebook. «…»', 'Ortiz spoke to reporters on
        Monday. "…"': a quote with no cue of its own opens a sentence right after
        one, in the same paragraph, whose speech verb names who speaks."""
        if slot.cue is not None or slot.kind not in ("direct", "multi-paragraph"):
            return None
        k = self._para_index(slot.open)
        start = self.paras[k][0]
        pre = self.text[start : slot.open]
        if not re.search(r"[.!?…]\s+$", pre):
            return None
        body = pre.rstrip()
        cut = max(body.rfind(". ", 0, len(body) - 1), body.rfind("? ", 0, len(body) - 1), body.rfind("! ", 0, len(body) - 1))
        sent = start + (cut + 2 if cut >= 0 else len(pre) - len(pre.lstrip()))
        if any(self.att.in_quote(x) for x in (sent, start + len(body) - 1)):
            return None
        met = _MET.search(self.text, sent, start + len(body))
        if met is not None:
            return self._interviewed(met.end(), start + len(body))
        cue = self.att.before(sent, start + len(body))
        if cue is not None and not (cue.name or cue.pronoun):
            found = self._role(cue)  # '…, the source said. "…"': only the unnamed source
            return found if found is not None and found.rule == "source" else None
        if cue is None:
            return None
        if cue.verb_span is not None and _INTERVIEW.match(self.text, cue.verb_span[1]):
            # 'The Enquirer spoke to another insider who confirmed …. "…"': the words
            # are the insider's, when the article describes one unnamed person
            return self._interviewed(cue.verb_span[1], start + len(body))
        if cue.verb_span is not None and cue.verb_span[0] > cue.span[1]:
            gap = self.text[cue.span[1] : cue.verb_span[0]].lower().split()
            if len(gap) > 3 or any(w.strip(",") in _RELATIVES for w in gap):
                return None  # '… spoke to another insider who confirmed': not the subject's verb
        found = self._from_cue(cue)
        if found is None or not found.speaker:
            return None
        return Attribution(found.speaker, "inferred", "same-paragraph", cue.verb_span, found.mention)

    def sibling(self, slot: Slot) -> Attribution | None:
        """'… campaigning against "toxic ideals" and a "corrupt leadership"': a short
        quote joined by 'and', 'or' or a comma to one the sentence credits shares its
        speaker."""
        sent = slot.extras.get("sentence")
        if not sent:
            return None
        before = [o for o in self.slots if o.open < slot.open and o.extras.get("sentence") == sent]
        if not before:
            return None
        prev = before[-1]
        found = prev.extras.get("attribution")
        if not prev.speaker or found is None or prev.kind not in ("partial", "split"):
            return None
        link = self.text[prev.mark_end : slot.open].strip().lower()
        if not re.fullmatch(r"(?:,|,?\s*(?:and|or|as well as|і|й|та|und|oder|et|ou))(?:\s+(?:a|an|the|un|une|des|le|la|les|ein|eine|der|die|das))?", link):
            return None
        return Attribution(prev.speaker, "inferred", found.rule, found.cue, found.mention)

    def between_quotes(self, slot: Slot, body: Sequence[Slot]) -> Attribution | None:
        """A quote with no cue, after a paragraph about one person and before that
        person's next quote, credited by name: both sides agree on who speaks."""
        later = [o for o in body if o.open > slot.end and o.kind != "mention"]
        if not later:
            return None
        nxt = later[0]
        found = nxt.extras.get("attribution")
        if not nxt.speaker or found is None or found.confidence != "explicit":
            return None
        if self._gap(slot.end, nxt.open) > 1:
            return None
        me = tuple(nxt.speaker.split())
        for lo, hi in ((slot.end, nxt.open),):
            runs = [r for r in name_runs(self.text, lo, hi) if r.person and not self.att.in_quote(r.start)]
            if any(self.att.is_person(r.name, r.start) and not _same(r.name, me) for r in runs):
                return None
        k = self._para_index(slot.open)
        if k == 0:
            return None
        lo = self.paras[k - 1][0]
        runs = [
            r for r in name_runs(self.text, lo, slot.open)
            if r.person and not self.att.in_quote(r.start) and not self._in_headline(r.start)
        ]
        agree = [r for r in runs if _same(r.name, me) or _same(r.name, me[-1:])]
        if not agree or any(self.att.is_person(r.name, r.start) and r not in agree for r in runs):
            return None
        return Attribution(nxt.speaker, "inferred", "between-quotes", found.cue, (agree[-1].start, agree[-1].end))

    def previous_quote(self, slot: Slot) -> Attribution | None:
        """A quote with no cue of its own, right after another quote (same or next
        paragraph) with no one else named in between: the same speaker goes on."""
        if slot.cue is not None and slot.cue.how != "colon":
            return None
        if not self.events:
            return None
        pos, name, mention = self.events[-1]
        if self._para_index(slot.open) - self._para_index(pos) > 1:
            return None  # a subheading between starts a new section: no carrying on
        between = [  # possessives count: "Tran's closing statement was brief"
            r for r in name_runs(self.text, pos, slot.open)
            if r.name and not r.org and not self.att.in_quote(r.start) and self.att.is_person(r.name, r.start)
            and not _ADDRESSEE.search(self.text[max(0, r.start - 12) : r.start])
            and not (r.after_article and not r.titled)  # 'told the Enquirer': a paper, not a voice
            and not _AGAINST.search(self.text[max(0, r.start - 10) : r.start])  # 'gegen San Marino': a side
        ]
        sent = slot.extras.get("sentence")
        if sent:  # 'Après avoir exprimé sa volonté « … », Bruno Le Maire a nuancé': the sentence names its own voice
            between += [
                r for r in name_runs(self.text, slot.mark_end, sent[1])
                if r.name and not r.org and not self.att.in_quote(r.start) and self.att.is_person(r.name, r.start)
            ]
        if any(not _same(r.name, tuple(name.split())) for r in between):
            return None
        if self._quote_subhead(slot):
            return None  # a crosshead quoting words to come: the echo rule reads those
        return Attribution(name, "inferred", "previous-quote", None, mention)

    def _antecedent(
        self, gender: str | None, pos: int, recent: bool = False, anywhere: bool = False
    ) -> tuple[str, tuple[int, int] | None] | None:
        """The most recent speaker or person named before ``pos`` (never in the
        headline) whose gender does not contradict ``gender``; ``recent`` keeps to
        this paragraph and the one before."""
        cands: list[tuple[int, str, tuple[int, int] | None]] = list(self.events)
        for r in self.att.runs:
            if r.start >= pos or self._in_headline(r.start) or not r.person:
                continue
            salient = (
                anywhere
                or self._subject_position(r.start)
                or self._speaks_next(r.end)
                or self._nominative_given(r.name)
            )
            if salient and not self._at_place(r.start) and (self.att.is_person(r.name, r.start) or self._kin_named(r.start, r.name)):
                cands.append((r.start, self.att.fullest(r.name, r.start), (r.start, r.end)))
        cands = [c for c in cands if c[0] < pos and not self._in_headline(c[0])]
        if recent:
            spoke = {c[0] for c in self.events}
            near = [c for c in cands if self._gap(c[0], pos) <= (2 if c[0] in spoke else 1)]
            wider = [c for c in cands if self._gap(c[0], pos) <= 2]
            # one paragraph further back only when it leaves no choice: the one
            # person the last paragraphs name ('Головного тренера … Андрія Шевченка …
            # Про це заявив сам наставник. «…» — зазначив спеціаліст')
            if not near and len({tuple(c[1].split())[-1][:4] for c in wider}) == 1:
                near = wider
            cands = near
        cands.sort(key=lambda c: c[0])
        for _, name, mention in reversed(cands):
            known = self._gender(name)
            if gender is None or known is None or known == gender:
                return name, mention
        if len({n for n, _ in self.headline_speakers}) == 1:
            # no one in the body yet: the one person the headline quotes by name
            name, mention = self.headline_speakers[0]
            known = self._gender(name)
            if gender is None or known is None or known == gender:
                return name, mention
        return None

    def _kin_named(self, pos: int, name: tuple[str, ...]) -> bool:
        """'His wife, Sandra, …': a lone given name set after a kinship noun is a person."""
        if len(name) != 1 or not is_given_name(name[0]):
            return False
        m = re.search(r"\b(?:his|her|their)\s+([a-zé]+),\s*$", self.text[max(0, pos - 30) : pos], re.IGNORECASE)
        return bool(m) and m.group(1).lower() in _KIN

    def _speaks_next(self, end: int) -> bool:
        """'Fiona Gault, said', 'X told reporters': a mention that a speech verb follows."""
        after = self.text[end : end + 40]
        return bool(re.match(r"[\s,]*(?:\w+\s+){0,1}(?:said|says|told|added|wrote|sagte|a déclaré|a dit|заявив|заявила|сказав|сказала)\b", after))

    def _last_unnamed(self, pos: int) -> tuple[str, tuple[int, int] | None] | None:
        """The one unnamed person ('a friend of the couple', 'another insider') most
        recently credited, in this paragraph or the two before, if nobody named
        spoke since."""
        for at, name, mention in reversed(self.events):
            if at >= pos:
                continue
            if self._gap(at, pos) > 2 or name not in self.groups:
                return None
            first = name.split()[0].lower()
            return (name, mention) if first in _INDEFINITE and not name.lower().endswith("s") else None
        return None

    def _last_group(self, pos: int) -> tuple[str, tuple[int, int] | None] | None:
        """The group or body most recently credited, in this paragraph or the one before."""
        for at, name, mention in reversed(self.events):
            if at < pos and name in self.groups and self._gap(at, pos) <= 1:
                return name, mention
        return None
