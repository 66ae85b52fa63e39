"""Rules that name a person in the quote's own sentence: the cue's name, a German inverted
subject, a document that 'reads', a person's own words.

These give ``explicit`` attributions: the name stands beside the speech verb.
"""

from __future__ import annotations

import dataclasses
import re

from summarize.quotes.attribution import _PREPOSITIONS, Cue
from summarize.quotes.gender import gender_of, nominative, verb_gender
from summarize.quotes.given_names import gender as given_gender
from summarize.quotes.given_names import is_given_name
from summarize.quotes.lexicon import (
    _CALLED,
    _DE_DETERMINERS,
    _DE_NOT_VERBS,
    _DE_NOUN_SUFFIXES,
    _DE_ORG_SUFFIXES,
    _DOCUMENTS,
    _GROUP_HEADS,
    _ORG_HEAD,
    _ORG_WORDS,
    _OWN_SPEECH,
    _OWN_SPEECH_OTHERS,
)
from summarize.quotes.names import name_runs
from summarize.quotes.sieve.text import _INTERVIEW, _WORDY, _describe, _same
from summarize.quotes.sieve.verdict import NOBODY, Attribution, SieveState, Slot
from summarize.quotes.words import _is_title

# '"…," read one leaflet': the verb right after the quote, then the document
_READS = re.compile(
    r"\s*,?\s*(?P<verb>read|reads)\s+(?P<doc>(?:a|an|the|one|another)\s+(?:[\w-]+\s+){0,2}?(?P<head>[\w-]+))\b(?!\s+(?:of|to|by)\b)"
)


def _after_preposition_at(text: str, pos: int) -> bool:
    prev = text[max(0, pos - 12) : pos].split()
    return bool(prev) and prev[-1].lower() in _PREPOSITIONS


class NamingRules(SieveState):
    """The sieve's rules that read a name beside the speech verb."""

    def _named(self, cue: Cue | None) -> Attribution | None:
        """'"…," Kirby said', 'said John Kirby', 'Kirby: "…"', '« …, a dit Macron, … »'.

        The cue names someone in the quote's own sentence: a person when the
        article shows it is one (a given name, a title), an organisation or group
        by its name; a name that is neither (a place, a club) stops the sieve.
        """
        if cue is None or not cue.name:
            return None
        pos = cue.span[0]
        name = cue.name
        rule = self._cue_rule(cue)
        if self.att.is_person(name, pos) or self._adjacent_name(cue):
            full = self.att.fullest(name, pos)
            known = self._gender(full)
            said = self.text[cue.span[0] : cue.span[1]]
            titled = gender_of((), said)  # the title's gender ('Mrs', 'Frau'), not a guess
            if titled and known and known != titled and len(full.split()) > len(name):
                # 'Mrs Mulcahy added' when the article's 'David Mulcahy' is her husband:
                # the title is what tells them apart, so it stays
                full = self.text[cue.span[0] : cue.span[1]].strip(" ,")
            return Attribution(full, "explicit", rule, cue.verb_span, cue.span)
        if len(name) == 1 and _is_title(name[0]) and cue.verb_span is not None:
            # 'erklärte der neue Kanzler': German capitalises the role noun, which is
            # no name; read it as the role it is
            span = cue.span
            if cue.verb_span[1] <= span[0] and len(self.text[cue.verb_span[1] : span[0]].split()) <= 3:
                span = (cue.verb_span[1], span[1])  # 'der neue Kanzler', not 'Kanzler'
            found = self._role(dataclasses.replace(cue, name=(), span=span))
            if found is not None:
                return found
        aside = re.search(
            r"\b(?:the|a|an|die|der|das|le|la|l['’])\s*([\w-]+)\s*,\s*(?:" + "|".join(re.escape(w) for w in _CALLED) + r")\s+$",
            self.text[max(0, cue.span[0] - 80) : cue.span[0]],
            re.IGNORECASE,
        )
        if aside and (_GROUP_HEADS.search(aside.group(1)) or _ORG_HEAD.search(aside.group(1))):
            name = self.text[cue.span[0] : cue.span[1]].strip(" ,.")
            return Attribution(name, "explicit", "organisation", cue.verb_span, cue.span)  # 'The group, called Open Streets,'
        org = self._organisation(cue.span)
        if org:
            return Attribution(org, "explicit", "organisation", cue.verb_span, cue.span)
        described = self._description(cue.span)
        if described:
            return Attribution(described, "explicit", "description", cue.verb_span, cue.span)
        if cue.verb_span is not None and cue.verb_span[0] > cue.span[1]:
            # 'Senior city council officials told …': the capital was only the
            # sentence's first letter; the subject runs on to the verb
            whole = (cue.span[0], cue.verb_span[0])
            described = self._description(whole)
            if described:
                return Attribution(described, "explicit", "description", cue.verb_span, whole)
            # 'The Association of Journalists of Kosovo however said': the name was
            # the last capitalised word of a body's name that opens the sentence
            dot = self.text.rfind(". ", 0, cue.span[0])
            start = max(dot + 2 if dot >= 0 else 0, self.text.rfind("\n", 0, cue.span[0]) + 1)
            phrase = self.text[start : cue.verb_span[0]]
            phrase = re.sub(r"\s+(?:however|also|meanwhile|though|jedoch|auch|cependant|aussi|також|однак)\s*$", "", phrase.rstrip())
            if not re.search(r"[,;:“”\"«»]", phrase):
                org = self._organisation((start, start + len(phrase)))
                if org:
                    return Attribution(_describe(org), "explicit", "organisation", cue.verb_span, (start, start + len(phrase)))
        return NOBODY

    def nominative_subject(self, slot: Slot) -> Attribution | None:
        """'Сергій Льовочкін на запитання журналістів, чи буде звільнений Табачник,
        відповів «…»': Ukrainian marks its subject by case, not by place. The one
        person of the sentence named in the nominative (a given name as listed),
        before the speech verb and of the verb's gender, is who speaks, whatever
        clauses stand between them."""
        cue = slot.cue
        if self.lang != "uk" or cue is None or cue.name or cue.pronoun or cue.verb_span is None:
            return None
        sent = slot.extras.get("sentence")
        if not sent or cue.verb_span[0] > slot.open:
            return None
        runs = [
            r for r in name_runs(self.text, sent[0], cue.verb_span[0])
            if r.person and not self.att.in_quote(r.start) and not _after_preposition_at(self.text, r.start)
        ]
        subjects = [r for r in runs if self._nominative_given(r.name)]
        if not subjects or any(not _same(r.name, subjects[0].name) for r in subjects[1:]):
            return None
        r = subjects[0]
        full = self.att.fullest(r.name, r.start)
        said, known = verb_gender(cue.verb), self._gender(full)
        if not said or not known or said != known:
            return None  # the verb's gender is the agreement that ties them
        return Attribution(full, "explicit", "nominative-subject", cue.verb_span, (r.start, r.end))

    def inverted_german(self, slot: Slot) -> Attribution | None:
        """'„…“, jubelt die Frauen-Dachorganisation Alliance F.', '„…“, strahlt sie',
        '„…“, hat Angela Merkel … wissen lassen': after a quote and a comma, German
        puts the verb first and the subject second, whatever the verb; the subject
        is who spoke. Only a name, a body or a pronoun there counts."""
        if self.lang != "de" or slot.cue is not None:
            return None
        sent = slot.extras.get("sentence")
        hi = sent[1] if sent else slot.para[1]
        m = re.match(r"\s*,\s*([a-zäöüß]{3,})\s+", self.text[slot.mark_end : hi])
        if not m or m.group(1) in _DE_NOT_VERBS:
            return None
        at = slot.mark_end + m.end()
        verb = (slot.mark_end + m.start(1), slot.mark_end + m.end(1))
        rest = self.text[at:hi]
        p = re.match(r"(er|sie)\b(?!\s+[A-ZÄÖÜ])", rest)
        if p:
            # German may name the subject last in its sentence ('… war auch
            # Präsidentin Doris Fiala.'), so only the one person this paragraph
            # names before the quote, of the pronoun's gender, is meant
            g = "m" if p.group(1) == "er" else "f"
            k = self._para_index(slot.open)
            people = [
                r for r in name_runs(self.text, self.paras[k][0], slot.open)
                if r.person and not self.att.in_quote(r.start) and self.att.is_person(r.name, r.start)
            ]
            if not people or any(not _same(r.name, people[-1].name) for r in people):
                return None
            r = people[-1]
            full = self.att.fullest(r.name, r.start)
            if self._gender(full) != g:
                return None
            return Attribution(full, "inferred", "pronoun", verb, (r.start, r.end))
        body = re.match(r"(?:die|der|das)\s+([\w-]+)\s+", rest)
        if body and body.group(1).lower().endswith(_DE_ORG_SUFFIXES):
            start = at + body.end()
            runs = name_runs(self.text, start, hi)
            if runs and runs[0].start == start and runs[0].name:
                name = self.text[start : runs[0].end].rstrip(".")
                return Attribution(name, "explicit", "organisation", verb, (start, start + len(name)))
            return None
        runs = name_runs(self.text, at, hi)
        if not runs or runs[0].start - at > 0 or not runs[0].person:
            return None
        r = runs[0]
        if not (self.att.is_person(r.name, r.start) or (r.titled and len(r.name) >= 2)):
            return None
        return Attribution(self.att.fullest(r.name, r.start), "explicit", "said-name", verb, (r.start, r.end))

    def document_reads(self, slot: Slot) -> Attribution | None:
        """'"Ask a Christian about the Bible," read one leaflet', '"…," reads the
        sign': a document's words, credited to the document as the article
        describes it."""
        if slot.cue is not None:
            return None
        m = _READS.match(self.text, slot.mark_end)
        if not m or m.group("head").lower() not in _DOCUMENTS:
            return None
        span = (m.start("doc"), m.end("doc"))
        return Attribution(_describe(m.group("doc")), "explicit", "description", (m.start("verb"), m.end("verb")), span)

    def _called(self, cue: Cue, words: list[str]) -> Attribution | None:
        """'The group, called Anonymous, said': a group or body given its name in an
        aside speaks under that name."""
        if len(words) < 2 or words[0].lower() not in _CALLED or not all(w[:1].isupper() for w in words[1:]):
            return None
        before = re.search(r"\b(?:the|a|an|die|der|das|le|la|l['’])\s*([\w-]+)\s*,\s*$", self.text[max(0, cue.span[0] - 60) : cue.span[0]], re.IGNORECASE)
        if before is None or not (_GROUP_HEADS.search(before.group(1)) or _ORG_HEAD.search(before.group(1))):
            return None
        name = " ".join(words[1:]).strip(",.")
        a = self.text.find(words[1], cue.span[0])
        return Attribution(name, "explicit", "organisation", cue.verb_span, (a, a + len(name)))

    def own_words(self, slot: Slot, outer: Slot, prev: Slot | None = None) -> Attribution | None:
        """'«… Але повинен весь час говорити «дякую», «вибачте»», - додав В.Литвин',
        '"I keep saying 'thank you'," she said': inside a speaker's own quote, words
        quoted right after a verb of saying in the first person or the infinitive,
        with nobody else named or referred to, are the speaker's own. ``prev`` is the
        inner quote just credited this way: a list joined by commas shares it."""
        if prev is not None and prev.extras.get("attribution") is not None:
            link = self.text[prev.mark_end : slot.open].strip().lower()
            if re.fullmatch(r",|,?\s*(?:and|or|і|й|та|und|oder|et|ou)", link):
                return prev.extras["attribution"]  # 'calls "illegal activities" and "bias"'
        found = outer.extras.get("attribution")
        if not outer.speaker or found is None:
            return None
        lo = outer.start
        seg = self.text[lo : slot.open]
        cut = max(seg.rfind(". "), seg.rfind("? "), seg.rfind("! "), seg.rfind("… "))
        lo += cut + 2 if cut >= 0 else 0
        tail = self.text[lo : slot.open].rstrip()
        tail = tail[:-1].rstrip() if tail.endswith((":", ",")) else tail
        words = [w.lower() for w in _WORDY.findall(tail)]
        if not words or not tail[-1:].isalpha() or words[-1] not in _OWN_SPEECH:
            return None  # the verb of saying stands right before the inner words
        if any(w in _OWN_SPEECH_OTHERS for w in words):
            return None  # 'he told me "no"': someone else's words
        first = re.match(r"\s*", self.text[lo : slot.open]).end() + lo  # type: ignore[union-attr]
        if any(r.person and (r.start > first or len(r.name) > 1) for r in name_runs(self.text, lo, slot.open)):
            return None  # 'Putin told me "no"'
        return Attribution(outer.speaker, "inferred", "own-words", found.cue, found.mention)

    def _interviewed(self, at: int, end: int) -> Attribution | None:
        m = _INTERVIEW.match(self.text, at)
        if m is None:
            return None
        d = re.match(r"\s+((?:a|an|another|one)\s+(?:[a-z’'-]+\s+){0,3}?([a-z]+))\b", self.text[m.end() : end])
        if d is None or not _GROUP_HEADS.fullmatch(d.group(2)) or d.group(2).endswith("s"):
            return None
        span = (m.end() + d.start(1), m.end() + d.end(1))
        self.groups.add(d.group(1))
        return Attribution(d.group(1), "inferred", "interviewed", (at, m.end()), span)

    def _from_cue(self, cue: Cue) -> Attribution | None:
        return self._named(cue) or self._pronoun(cue) or self._role(cue)

    def _cue_rule(self, cue: Cue) -> str:
        if cue.how == "colon":
            return "colon"
        if cue.verb_span is not None and cue.verb_span[0] < cue.span[0]:
            return "said-name"
        return "cue-subject"

    def _adjacent_name(self, cue: Cue) -> bool:
        """'said Wegner', 'Nelson said': a capitalised name right beside the verb is
        its subject; in German, where every noun is capitalised, one word is not enough."""
        if cue.how == "colon" and len(cue.name) >= 2 and self._role_in_brackets(cue.span[0], cue.span[1]):
            return True  # 'Stale Solbakken (Cheftrainer Köln): „…“', the voices after a match
        if cue.verb_span is None or (self.lang == "de" and len(cue.name) < 2 and not self._german_bare_name(cue.name)):
            return False  # one capitalised German word beside 'sagte' may be any noun
        a, b = sorted((cue.span, cue.verb_span))
        if self.text[a[1] : b[0]].strip():
            return False
        before = self.text[max(0, cue.span[0] - 12) : cue.span[0]].split()
        if before and before[-1].lower() in _PREPOSITIONS:
            return False
        return len(cue.name) <= 3 and not any(w.lower() in _ORG_WORDS for w in cue.name)

    def _german_bare_name(self, name: tuple[str, ...]) -> bool:
        """'sagte Wegner dem Tagesspiegel': German capitalises every noun, but a
        common noun stands after an article or a determiner somewhere in the
        article. A word seen twice or more and never so is read as a name."""
        if len(name) != 1 or _is_title(name[0]) or name[0].lower().endswith(_DE_NOUN_SUFFIXES):
            return False
        seen = list(re.finditer(rf"(?<![\w-]){re.escape(name[0])}(?![\w-])", self.text))
        if len(seen) < 2:
            return False
        for m in seen:
            before = self.text[max(0, m.start() - 20) : m.start()].split()
            if before and before[-1].lower() in _DE_DETERMINERS:
                return False
        return True

    def _nominative_given(self, name: tuple[str, ...]) -> bool:
        """'…, журналіст Володимир Бойко.': Ukrainian puts the subject anywhere in
        the sentence, but marks it: a given name in the nominative (as listed, not
        'Арсена' or 'Віктору') is a subject, whatever its place."""
        return (
            self.lang == "uk"
            and len(name) >= 2
            and name[0][:1].isupper()
            and is_given_name(name[0])
            and nominative(name)[0] == name[0]
        )

    def _gender(self, name: str) -> str | None:
        toks = tuple(name.split())
        known = gender_of(toks)
        if known is None and len(toks) >= 2:
            known = given_gender(toks[0])
        return known

    def _acronym(self, letters: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
        skip = r"(?:\s+(?:of|for|the|and|de|du|des|la|le|für|der))*\s+"
        pattern = r"\b" + skip.join(rf"{c}[\w’'-]*" for c in letters) + r"\b"
        found = re.search(rf"(?:\b[Tt]he\s+)?{pattern}", self.text)
        if found and found.group().count(" ") >= len(letters) - 1:
            return _describe(found.group()), (found.start(), found.end())
        return letters, span
