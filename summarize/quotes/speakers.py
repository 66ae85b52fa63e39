"""Who said each quote: an ordered sieve of attribution rules, most reliable first.

A wrong name on a quote is worse than none, so each rule is a small function that
either names a speaker with its evidence (the cue and the mention that names the
speaker), declares that the evidence points at nobody the article names (and so
stops the sieve: no later, weaker rule may guess), or passes. Rules that read the
quote's own sentence give ``explicit`` attributions; rules that reach back to an
earlier quote, a pronoun's antecedent or a role noun give ``inferred`` ones.

The cues themselves (speech verbs, the names and pronouns around them) are found
by ``attribution.Attributor``; this module decides what they are worth.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from summarize.quotes.attribution import (
    _ORG_WORDS,
    _PREPOSITIONS,
    _TITLES,
    Attributor,
    Cue,
    _is_cyr,
    _is_title,
    gender_of,
    name_runs,
    nominative,
    role_gender,
    verb_gender,
)
from summarize.quotes.given_names import gender as given_gender
from summarize.quotes.given_names import is_given_name
from summarize.quotes.lexicon import (
    _ABOUT_THIS,
    _AGAINST,
    _CALLED,
    _DE_DETERMINERS,
    _DE_NOT_VERBS,
    _DE_NOUN_SUFFIXES,
    _DE_ORG_SUFFIXES,
    _DOCUMENTS,
    _GROUP_HEADS,
    _JUDGING,
    _KIN,
    _ORG_HEAD,
    _OWN_SPEECH,
    _OWN_SPEECH_OTHERS,
    _SOURCE_NOUNS,
    _SPEECH,
    _SPEECH_NOUNS,
    _SUBJUNCTIVE,
)
from summarize.record import Evidence

__all__ = ["Attribution", "Sieve"]


@dataclass(frozen=True)
class Attribution:
    """A speaker and why; ``speaker`` None means: the evidence names nobody, stop."""

    speaker: str | None
    confidence: str = "explicit"
    rule: str = ""
    cue: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None

    @property
    def evidence(self) -> Evidence | None:
        return Evidence(self.rule, self.cue, self.mention) if self.speaker else None


NOBODY = Attribution(None)


class Slot(Protocol):
    """What the sieve reads of a quote (``quotes._Info``)."""

    start: int
    end: int
    mark_end: int
    para: tuple[int, int]
    kind: str
    cue: Cue | None
    speaker: str | None
    extras: dict[str, Any]

    @property
    def open(self) -> int: ...


_RELATIVES = frozenset(["which", "who", "whom", "that", "qui", "que", "der", "die", "das", "який", "яка", "які"])
# 'he told Mulcahy': the one spoken to, not a new voice
_ADDRESSEE = re.compile(r"\b(?:told|to|asked|sagte|à|сказав|сказала)\s+$", re.IGNORECASE)
# 'Vizekanzler', 'vice-president', 'ex-minister': another role than the bare noun
_OTHER_ROLE = ("vize", "vice", "ex-", "co-", "stellvertret", "заступ", "віце", "екс")
# a verb of quoting whose object is the speaker: '– цитує Шевченка видання'
_QUOTING = re.compile(
    r"[\s\W]{0,4}(?:[\w.]+\s+){0,3}?(цитує|цитують|цитувало|цитував|zitiert|zitierte|cite|citait|quoted|quotes)\s+",
    re.IGNORECASE,
)
_LOCATIVE = frozenset(["at", "in", "near", "outside", "inside", "im", "am", "beim", "в", "на", "біля", "dans"])
_OWNED_SPEECH = re.compile(
    r"\s*([A-ZÀ-ÖØ-Þ][\w-]*(?:\s[A-ZÀ-ÖØ-Þ][\w-]*)?['’]s)\s+(?:\w+\s+){0,2}?"
    rf"(?:{_SPEECH_NOUNS})\b",
)
# participles that go on with the sentence's subject: ', adding that "…"'
_CONTINUING = re.compile(
    r"adding|saying|noting|insisting|warning|arguing|explaining|stressing|"
    r"ajoutant|précisant|soulignant|estimant|додавши|зазначивши|наголосивши"
)
# epithets for a person named before: a nationality ('the Spaniard', 'the Frenchman',
# 'the Brazilian') or an age ('the 34-year-old')
_EPITHET = re.compile(r"[A-Z][a-z]+(?:ard|man|woman|ian|ean|ese|ish|ot|ek)|\d{2}-year-old")
_INTERVIEW = re.compile(r"\s+(?:to|with|mit|avec|à|з|із)\b", re.IGNORECASE)
# a sentence opening with a participle clause whose subject comes after it
_OPENING_CLAUSE = re.compile(
    r"\s*(?:Après avoir|Avant d['’]avoir|Après s['’]être|After|Having|Nachdem er|Nachdem sie|Після того,? як)\b"
)
# 'The paper spoke to another insider who …': whom the writer met speaks next
_MET = re.compile(r"\b(?:spoke|talked|speaking|talking)(?=\s+(?:to|with)\s+(?:a|an|another|one)\s)")
# '"…," read one leaflet': the verb right after the quote, then the document
_READS = re.compile(
    r"\s*,?\s*(?P<verb>read|reads)\s+(?P<doc>(?:a|an|the|one|another)\s+(?:[\w-]+\s+){0,2}?(?P<head>[\w-]+))\b(?!\s+(?:of|to|by)\b)"
)
_PLURAL_PRONOUNS = frozenset(["they", "вони", "ils", "elles"])
_ACRONYM = re.compile(r"^[A-ZА-ЯІЇЄҐ]{2,6}[,.]?$")
_NOT_SUBJECTS = frozenset(
    ["they", "we", "it", "this", "that", "these", "those", "there", "he", "she", "i", "you",
     "ils", "elles", "on", "nous", "wir", "es", "man", "вони", "ми", "це"]
)
_ARTICLE_BY_LANG = {"en": "a|an|another", "de": "ein|eine|einer|eines", "fr": "un|une", "uk": "", "ru": ""}
_POSSESSIVE = ("his", "her", "their", "its", "our", "sein", "seine", "ihr", "ihre", "son", "sa", "ses", "leur", "його", "її", "їхній")
_INDEFINITE = ("a", "an", "one", "another", "some", "several", "un", "une", "des", "ein", "eine", "einer")
_DEFINITE = ("the", "der", "die", "das", "le", "la", "les", "l'", "l’")
_WORDY = re.compile(r"[^\W\d_][\w'’.-]*")


class Sieve:
    """Names the speakers of one document's quotes, in reading order."""

    def __init__(self, text: str, att: Attributor, lang: str, paras: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.att = att
        self.lang = lang
        self.paras = list(paras)
        self.headline = _headline(text, self.paras)
        self.events: list[tuple[int, str, tuple[int, int] | None]] = []  # speakers named so far
        self.headline_speakers: list[tuple[str, tuple[int, int] | None]] = []
        self.rivals = False  # the last role lookup found two holders
        self.slots: list[Slot] = []
        self.groups: set[str] = set()  # speakers credited as a group or a body, not a person
        self.rules: tuple[Callable[[Slot], Attribution | None], ...] = (
            self.cue_name,
            self.cue_pronoun,
            self.continued,
            self.cue_role,
            self.nominative_subject,
            self.inverted_german,
            self.document_reads,
            self.quoted_by,
            self.colon_paragraph,
            self.sentence_subject,
            self.answer,
            self.sentence_before,
            self.reported_speech,
            self.later_in_sentence,
            self.opening_clause,
            self.previous_quote,
        )

    # -- driving

    def run(self, slots: Sequence[Slot]) -> None:
        self.slots = list(slots)
        body = [s for s in slots if not self._in_headline(s.open)]
        heads = [s for s in slots if self._in_headline(s.open)]
        for slot in heads:  # an explicit headline attribution is the article's main voice
            found = self.cue_name(slot)
            if found is not None and found.speaker:
                self.headline_speakers.append((found.speaker, found.mention))
        for slot in body:
            self._settle(slot)
        for slot in body:
            if slot.speaker is None and slot.kind != "mention" and slot.cue is None:
                # a standfirst or pull quote repeating words the article credits later
                found = self.echo(slot, [o for o in body if o is not slot], least=3 if self._quote_subhead(slot) else 6)
                if found is None and slot.kind in ("direct", "multi-paragraph"):
                    found = self.between_quotes(slot, body)
                self._apply(slot, found)
        for slot in heads:
            if slot.kind == "mention" and not slot.extras.get("soft_mention"):
                continue
            found = (
                self.cue_name(slot)
                or self.cue_role(slot)
                or self.headline_colon(slot)
                or self.what_called(slot)
                or self.headline_echo(slot, body)
                or (self.sentence_subject(slot, strict=True) if slot.kind == "mention" else None)
            )
            if (found is None or not found.speaker) and slot.kind != "mention":
                found = self.sole_voice(slot, body) or found
            if slot.kind == "mention":
                if found is None or not found.speaker:
                    continue
                slot.kind = "partial"  # 'Mata: United "didn't deserve to lose"'
            self._apply(slot, found)

    def _settle(self, slot: Slot) -> None:
        if slot.kind == "mention":
            if slot.extras.get("soft_mention"):
                self._credit_short_quote(slot)
            return
        follow = slot.extras.get("follows")
        if follow is not None:  # the second piece of a split utterance
            self._apply(slot, follow.extras.get("attribution"))
            return
        for rule in self.rules:
            found = rule(slot)
            if found is not None:
                self._apply(slot, found)
                if found.speaker:
                    self.events.append((slot.open, found.speaker, found.mention))
                    if found.rule in ("description", "organisation"):
                        self.groups.add(found.speaker)
                return

    def _credit_short_quote(self, slot: Slot) -> None:
        """'Schumer touted the plan as "transformational"', 'officials called it
        "spin"': a short quote the sentence credits to someone is speech."""
        found = None
        if slot.cue is not None and (slot.cue.name or slot.cue.verb_span):
            found = self.cue_name(slot) or self.cue_pronoun(slot) or self.cue_role(slot)
        if found is None or not found.speaker:
            found = self.what_called(slot) or self.sentence_subject(slot, strict=True)
        if found is None or not found.speaker:
            found = self.reported_speech(slot) or self.later_in_sentence(slot) or self.sibling(slot)
        if found is None or not found.speaker:
            found = self.about_this(slot)
        if found is not None and found.speaker:
            slot.kind = "partial"
            self._apply(slot, found)

    def _apply(self, slot: Slot, found: Attribution | None) -> None:
        if found is None or not found.speaker:
            slot.speaker = None
            slot.extras["attribution"] = None
            return
        slot.speaker = found.speaker
        slot.extras["attribution"] = found

    # -- rules, in order

    def cue_name(self, slot: Slot) -> Attribution | None:
        return self._named(slot.cue)

    def cue_pronoun(self, slot: Slot) -> Attribution | None:
        return self._pronoun(slot.cue)

    def cue_role(self, slot: Slot) -> Attribution | None:
        return self._role(slot.cue)

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

    def _headline_subject(self, epithet: str, cue: Cue) -> Attribution | None:
        holder = self._role_holder(epithet, cue.span[0])
        if holder is not None:
            return Attribution(holder[0], "inferred", "role-noun", cue.verb_span, holder[1])
        if self.headline is None:
            return None
        hs, he = self.headline
        runs = [r for r in name_runs(self.text, hs, he) if r.person and not self.att.in_quote(r.start)]
        if len(runs) != 1 or runs[0].start != hs + len(self.text[hs:he]) - len(self.text[hs:he].lstrip()):
            return None
        r = runs[0]
        if not _opens_verb(self.text[r.start : he].split()[len(r.tokens) - 1 :]):
            return None
        body = [
            x for x in self.att.runs
            if he <= x.start < cue.span[0] and x.person and not self.att.in_quote(x.start) and _same(x.name, r.name)
        ]
        if not body and not self._german_bare_name(r.name[-1:]):
            return None  # the body must know the name too
        full = self.att.fullest(r.name, he) if body else r.name[-1]
        return Attribution(full, "inferred", "role-noun", cue.verb_span, (r.start, r.end))

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

    def _role(self, cue: Cue | None) -> Attribution | None:
        """'the minister added', 'police said', 'a senior official said'.

        A definite role names the person the article gave that role; an
        indefinite one, a group or an organisation is credited as the article
        describes it. Nothing else is guessed.
        """
        if cue is None or cue.name or cue.pronoun or cue.how == "colon" or cue.verb_span is None:
            return None
        phrase = self.text[cue.span[0] : cue.span[1]].strip(" ,–—-")
        words = phrase.split()
        if not words or len(words) > 7:
            return None
        first = words[0].lower()
        if len(words) == 1 and first in _PLURAL_PRONOUNS:
            group = self._last_group(cue.span[0])  # 'They said': the group last quoted
            if group is None:
                return NOBODY
            return Attribution(group[0], "inferred", "pronoun", cue.verb_span, group[1])
        if len(words) == 1 and _ACRONYM.match(words[0]):
            # 'AJK responded': the body the article spelled out, or its initials
            name, mention = self._acronym(words[0].strip(",."), cue.span)
            return Attribution(name, "explicit", "organisation", cue.verb_span, mention)
        named = self._called(cue, words)
        if named is not None:
            return named
        words = _without_time(words)
        phrase = " ".join(words)
        head = _head_noun(words)
        person_head = head is not None and not _ORG_HEAD.search(head)
        if not person_head and any(_ORG_HEAD.search(w.strip(",.")) for w in words[:3]):
            # 'The Environment Agency said', 'sagte die Pressestelle der Stadt': a body
            return Attribution(_describe(phrase), "explicit", "organisation", cue.verb_span, cue.span)
        definite = first in _DEFINITE or first.startswith(("l'", "l’")) or _is_cyr_role(words)
        if head is None and definite and len(words) <= 4 and cue.verb_span[0] < cue.span[0]:
            # 'a ajouté la magistrate', 'poursuit le communicant vaudois', 'зазначив
            # спеціаліст': right after the verb, a definite noun is an epithet
            head = _epithet_head(words)
            if head is None and self.lang == "de" and len(words) == 2 and words[1][:1].isupper():
                # 'findet der Regierende': a capitalised epithet, no role; the one
                # person the article has named so far, only if the headline opens
                # with that person as its subject ('Wegner kritisiert Bundesregierung')
                return self._headline_subject(words[1].strip(",."), cue)
        if head is None and definite and len(words) == 2 and _EPITHET.fullmatch(words[1].strip(",.")):
            # 'the Spaniard wrote', 'the 34-year-old said': a nationality or an age is
            # an epithet for someone already named, wherever the verb stands
            head = words[1].strip(",.")
        if head is None:
            return None
        if _ORG_HEAD.search(head) or (
            not _is_title(head) and any(w.lower().strip(",.") in _ORG_WORDS for w in words)
        ):
            # 'The Environment Agency said', 'the ministry said': a body, never a person
            return Attribution(_describe(phrase), "explicit", "organisation", cue.verb_span, cue.span)
        if first in _DEFINITE or first.startswith(("l'", "l’")) or _is_cyr_role(words):
            earlier = self._indefinite_before(head, cue.span[0])
            if earlier is not None:  # 'A county official, who …' then 'the official said'
                return Attribution(_describe(earlier[0]), "inferred", "role-noun", cue.verb_span, earlier[1])
            self.rivals = False
            holder = self._role_holder(head, cue.span[0])
            if holder is not None:
                name, mention = holder
                return Attribution(name, "inferred", "role-noun", cue.verb_span, mention)
            if self.rivals:
                return NOBODY  # two people were given the role: no guess
            if _GROUP_HEADS.search(head) and (head.lower().endswith("s") or head.lower() in ("police", "polizei")):
                return Attribution(_describe(phrase), "explicit", "description", cue.verb_span, cue.span)
            if head.lower() in _SOURCE_NOUNS:
                # 'a friend of the couple told the paper' … 'the source added': the
                # unnamed person last quoted, as the article first described them
                last = self._last_unnamed(cue.span[0])
                if last is not None:
                    return Attribution(last[0], "inferred", "source", cue.verb_span, last[1])
            if _GROUP_HEADS.search(head):
                return None  # 'the source added' points to an unnamed source, not a name
            # 'sagte die CDU-Politikerin', 'the Spaniard wrote': an epithet for the
            # person just named or speaking, read like a pronoun of its gender
            found = self._antecedent(role_gender(head), cue.span[0], recent=True, anywhere=True)
            if found is not None:
                return Attribution(found[0], "inferred", "role-noun", cue.verb_span, found[1])
            return None
        if first in _INDEFINITE and not head.lower().endswith("s"):
            # 'said a State Department spokesperson', and the article names her later
            holder = self._role_holder(head[:6], len(self.text), only=True)
            if holder is not None:
                return Attribution(holder[0], "inferred", "role-noun", cue.verb_span, holder[1])
        if first in _INDEFINITE or _GROUP_HEADS.search(head):
            return Attribution(_describe(phrase), "explicit", "description", cue.verb_span, cue.span)
        if first in _POSSESSIVE or first.endswith(("'s", "’s")):
            # 'her opponent', 'the club's statement': the article's own description,
            # unless it names whoever holds that role
            holder = self._role_holder(head, cue.span[0])
            if holder is not None:
                return Attribution(holder[0], "inferred", "role-noun", cue.verb_span, holder[1])
            return Attribution(_describe(phrase), "explicit", "description", cue.verb_span, cue.span)
        return None

    def sentence_subject(self, slot: Slot, strict: bool = False) -> Attribution | None:
        """'Schumer touted the plan as "transformational"': the person the
        writer's sentence is about, when it opens with them. ``strict`` (a short
        quote that may be a mere mention) also wants a verb of saying or judging
        between the subject and the quote."""
        if slot.cue is not None and (slot.cue.name or slot.cue.pronoun):
            return None
        sent = slot.extras.get("sentence")
        if not sent:
            return None
        s = sent[0]
        pre = self.text[s : slot.open]
        if not pre.strip():
            return None
        if slot.kind not in ("partial", "mention") and pre.rstrip()[-1:] not in (":", "—", "–"):
            return None
        runs = [r for r in name_runs(self.text, s, slot.open) if r.person and not self.att.in_quote(r.start)]
        people = [r for r in runs if self.att.is_person(r.name, r.start)]
        if not people:
            owner = self._possessive_speech(s, slot.open)
            if owner is not None:
                return owner
        if not people and strict:
            body = self._subject_body(s, pre)
            if body is not None:
                return body
        if people:
            r = people[0]
            lead = self.text[s : r.start].split()
            opens = not (len(lead) > 3 or any(w.endswith(",") for w in lead) or (lead and lead[-1].lower() in _PREPOSITIONS))
            opens = opens or self._nominative_given(r.name)  # Ukrainian marks its subject
            verbs = list(_JUDGING.finditer(self.text, r.end, slot.open))
            if strict:
                if not verbs:
                    return None
                agent = self.text[r.end : verbs[-1].start()].split()[-2:]
                if any(_GROUP_HEADS.search(w.strip(",")) for w in agent):
                    return None  # 'defended the budget against what critics call "…"'
            # 'During a news conference, Cook called it "…"': after an opening
            # phrase, a name is still the subject when its verb follows at once
            opens = opens or (
                bool(verbs)
                and bool(lead)
                and lead[-1].endswith(",")
                and not re.search(r"[,;:]", self.text[r.end : verbs[0].start()])
                and _opens_verb(self.text[r.start : r.start + 80].split()[len(r.tokens) - 1 :])
            )
            if not opens:
                colon = pre.rstrip()
                if colon.endswith(":") and not strict:
                    # 'Les Tricolores, Didier Deschamps en tête, ne veulent pas … : « … »'
                    return self._colon_subject(s, s + len(colon) - 1)
                return None
            # 'Ющенко побажав Януковичу …': a person after the subject's own verb is
            # its object; anyone else in the sentence leaves the words unowned
            at_once = bool(verbs) and not self.text[r.end : verbs[0].start()].strip(" ,")
            rivals = [x for x in people[1:] if not (at_once and x.start > verbs[0].start())]
            if verbs:
                gap = self.text[r.end : verbs[0].start()]
                if gap.lstrip().startswith(",") and re.search(r"[,\-–—]\s*$", gap):
                    # 'Paul Tidiman, the former fiance of … - Alison Day - gave his response':
                    # a name inside the subject's aside is not a second speaker
                    rivals = [x for x in rivals if not r.end <= x.start < verbs[0].start()]
            if any(not _same(x.name, r.name) for x in rivals):
                return None  # two people in the sentence: whose words?
            full = self.att.fullest(r.name, r.start)
            said = verb_gender(slot.cue.verb) if slot.cue is not None and slot.cue.verb else None
            known = self._gender(full)
            if said and known and said != known:
                return None  # 'відповіла' is a woman's verb: not this man's words
            return Attribution(full, "inferred", "subject", None, (r.start, r.end))
        # the pronoun opens the sentence, or follows an opening phrase ('Et malgré la
        # forme des Bleus, il refuse …')
        m = re.match(r"\s*([^\W\d_]+)\b", pre)
        if m and m.group(1).lower() not in _PRONOUN_SUBJECT and m.group(1).lower() not in _PLURAL_PRONOUNS:
            m = re.match(r"[^,;:]{1,80},\s*([^\W\d_]+)\b", pre)
        if m:
            word = m.group(1).lower()
            if strict and word in _PLURAL_PRONOUNS and _JUDGING.search(pre):
                group = self._last_group(s)  # 'They said they were against "…"'
                if group is not None:
                    return Attribution(group[0], "inferred", "pronoun", None, group[1])
            g = _PRONOUN_SUBJECT.get(word)
            if g and (g != "de" or self.lang == "de"):
                if strict and not _JUDGING.search(pre):
                    return None
                gender = "m" if g == "m" else ("f" if g == "f" else None)
                if g == "de":
                    gender = "m" if word == "er" else "f"
                found = self._antecedent(gender, s + m.start(1))
                if found is not None:
                    return Attribution(found[0], "inferred", "pronoun", None, found[1])
        return None

    def _possessive_speech(self, s: int, end: int) -> Attribution | None:
        """"Tran's closing statement was brief — "…"": the sentence opens with a
        person's words ('statement', 'message', 'reply'), so the quote is theirs."""
        m = _OWNED_SPEECH.match(self.text, s, end)
        if not m:
            return None
        runs = [r for r in name_runs(self.text, m.start(1), m.end(1)) if r.possessive]
        if not runs or not self.att.is_person(runs[0].name, runs[0].start):
            return None
        r = runs[0]
        return Attribution(self.att.fullest(r.name, r.start), "inferred", "subject", None, (r.start, r.end))

    def _subject_body(self, s: int, pre: str) -> Attribution | None:
        """'The club's statement described the incident as "…"', 'Russia calls it
        a "special operation"', 'Der Vorsitzende Richter spricht von „…“': a group,
        a body or a role opening the sentence, right before a verb of judging."""
        body = pre.lstrip(" \t\n-–—•*")
        a = s + len(pre) - len(body)
        verb = _JUDGING.pattern[2:]
        lead = re.match(r"((?:[\w’'-]+\s+){1,6}?)" + verb, body, re.IGNORECASE)
        if lead:
            words = lead.group(1).split()
            # the subject's head is the last word before the verb, or the one before
            # an adverb ('officials also said')
            for k in range(len(words), max(0, len(words) - 4), -1):
                if k < 1 or k > 5:
                    continue
                if any(not w[:1].islower() or w.strip(",") in _RELATIVES or w.endswith(",") for w in words[k:]):
                    break  # 'officials also said', 'the tabloids have taken to calling'; no more
                phrase = " ".join(words[:k])
                span = (a, a + len(phrase))
                if _GROUP_HEADS.search(words[k - 1]):
                    return Attribution(_describe(phrase), "explicit", "description", None, span)
                head = _head_noun(words[:k])
                if words[0].lower() in _DEFINITE + _POSSESSIVE and head is not None and head == words[k - 1].strip(",.;:’'"):
                    holder = self._role_holder(head, a)
                    if holder is not None:
                        return Attribution(holder[0], "inferred", "role-noun", None, holder[1])
                    return Attribution(_describe(phrase), "explicit", "description", None, span)
        named = re.match(r"((?:[^\W\d_][\w’'-]*\s+){0,2}[^\W\d_][\w’'-]*)\s+" + verb, body, re.IGNORECASE)
        if (
            named
            and all(w[:1].isupper() for w in named.group(1).split())
            and named.group(1).split()[0].lower() not in _NOT_SUBJECTS
        ):
            # 'Russia calls it a "special operation"': a state or body as the subject
            return Attribution(named.group(1), "explicit", "organisation", None, (a, a + len(named.group(1))))
        return None

    def colon_paragraph(self, slot: Slot) -> Attribution | None:
        """'In a statement, Wendt said:' closing one paragraph, the quote opening the next."""
        if slot.cue is not None:
            return None
        pre = self.text[: slot.open].rstrip()
        if not pre.endswith(":") or "\n" not in self.text[len(pre) : slot.open]:
            return None
        k = self._para_index(len(pre) - 1)
        start = self.paras[k][0]
        sent = max(start, pre.rfind(". ", start) + 1)
        cue = self.att.before(sent, len(pre))
        found = self._from_cue(cue) if cue is not None else None
        if found is not None and found.speaker:
            return found
        return self._colon_subject(sent, len(pre)) if found is None else None

    def _colon_subject(self, start: int, colon: int) -> Attribution | None:
        """'… Director David S. Jackson issued the following statement today:': no
        speech verb, but the one person of the sentence, with its verb right after
        the name, introduces what follows."""
        runs = [r for r in name_runs(self.text, start, colon) if r.person and not self.att.in_quote(r.start)]
        people = [r for r in runs if self.att.is_person(r.name, r.start)]
        if not people or any(not _same(x.name, people[0].name) for x in people[1:]):
            return None
        r = people[0]
        lead = re.split(r"\s[-–—]\s", self.text[start : r.start])[-1]  # after a dateline
        before = lead.split()
        if len(before) > 4 and not lead.rstrip().endswith(","):
            return None  # 'Суддя, який … робив зауваження Тимошенко, … спитав:': not the subject
        rest = self.text[r.end : colon]
        rest = re.sub(r"^\s*,[^,]{1,60},", "", rest)  # ', qui a dirigé l'étude,': an aside
        after = rest.split()
        if not after or not after[0][:1].islower() or (before and before[-1].lower() in _RELATIVES | _PREPOSITIONS):
            return None  # 'which Obi ordered', '… gegen San Marino eindeutig definiert:'
        if self.lang == "de" and len(before) > 2:
            return None  # German puts the verb second: a name deep in the sentence is its object
        said, known = verb_gender(after[0]), self._gender(self.att.fullest(r.name, r.start))
        if said and known and said != known:
            return None  # 'спитав' is a man's verb
        return Attribution(self.att.fullest(r.name, r.start), "inferred", "colon", None, (r.start, r.end))

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

    def later_in_sentence(self, slot: Slot) -> Attribution | None:
        """'Le défunt «n'était pas armé», il … «ne commettait aucun acte de
        violence», considèrent les plaignants': quotes of one sentence share the
        attribution that closes it."""
        if slot.cue is not None:
            return None
        sent = slot.extras.get("sentence")
        if not sent:
            return None
        for other in self.slots:
            if other is slot or other.open <= slot.open or other.extras.get("sentence") != sent:
                continue
            if other.cue is None or other.cue.how not in ("after", "within"):
                continue
            found = self.cue_name(other) or self.cue_pronoun(other) or self.cue_role(other)
            if found is not None and found.speaker:
                return Attribution(found.speaker, found.confidence, found.rule, found.cue, found.mention)
            return None
        return None

    def about_this(self, slot: Slot) -> Attribution | None:
        """'… провів свята «працюючи над собою».' then 'Про це він сказав …': the
        next sentence, in this paragraph or the next, says whose the words were."""
        sent = slot.extras.get("sentence")
        if not sent:
            return None
        at = sent[1]
        k = self._para_index(slot.open)
        if k + 1 < len(self.paras) and not self.text[at : self.paras[k + 1][0]].strip(" \t\n.!?"):
            at = self.paras[k + 1][0]
        m = _ABOUT_THIS.match(self.text, at)
        if not m:
            return None
        stop = re.search(r"[.!?](?:\s|$)", self.text[m.end() : m.end() + 200])
        end = m.end() + (stop.start() if stop else 200)
        verb = _SPEECH.search(self.text, m.end(), end)
        if verb is None or len(self.text[m.end() : verb.start()].split()) > 3:
            return None
        cue = self.att._subject(m.start(), verb, end)
        if cue is None or not (cue.name or cue.pronoun) or cue.verb_span is None:
            return None
        if cue.pronoun:
            found = self._antecedent(verb_gender(cue.verb) or cue.pronoun, slot.open + 1, recent=True)
            if found is None:
                return None
            return Attribution(found[0], "inferred", "about-this", cue.verb_span, found[1])
        found = self._named(cue)
        if found is None or not found.speaker:
            return None
        return Attribution(found.speaker, "inferred", "about-this", cue.verb_span, found.mention)

    def opening_clause(self, slot: Slot) -> Attribution | None:
        """'Après avoir exprimé sa volonté « … », Bruno Le Maire a nuancé', 'After
        promising "…", Lind said': an opening participle clause has the subject of
        the main clause, the name right after the quote."""
        if slot.cue is not None and (slot.cue.name or slot.cue.pronoun):
            return None
        sent = slot.extras.get("sentence")
        if not sent or not _OPENING_CLAUSE.match(self.text, sent[0], slot.open):
            return None
        if any(r.person and not self.att.in_quote(r.start) for r in name_runs(self.text, sent[0], slot.open)):
            return None  # a name in the clause itself: whose words is unclear
        m = re.match(r"\s*,\s*", self.text[slot.mark_end : slot.mark_end + 4])
        if not m:
            return None
        at = slot.mark_end + m.end()
        runs = name_runs(self.text, at, min(sent[1], at + 80))
        if not runs or runs[0].start != at or not runs[0].person or not self.att.is_person(runs[0].name, at):
            return None
        r = runs[0]
        if not _opens_verb(self.text[r.start : r.start + 80].split()[len(r.tokens) - 1 :]):
            return None
        return Attribution(self.att.fullest(r.name, r.start), "inferred", "opening-clause", None, (r.start, r.end))

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

    def reported_speech(self, slot: Slot) -> Attribution | None:
        """'Ein Kompromiss sei keine Niederlage, „sondern ein Erfolg“': German
        marks reported speech by its verb; the words go on being those of the one
        last quoted, unless someone else is named since."""
        if self.lang != "de" or (slot.cue is not None and (slot.cue.name or slot.cue.pronoun)):
            return None
        sent = slot.extras.get("sentence")
        if not sent:
            return None
        said = [m for m in _SUBJUNCTIVE.finditer(self.text, sent[0], sent[1]) if not self.att.in_quote(m.start())]
        if not said:
            return None
        if not self.events:
            # nobody quoted yet: 'Bundeskanzler Christian Stocker hat … genutzt. Ein
            # Kompromiss sei …': the one person this paragraph and the one before name
            if any(o.open < slot.open and o.kind != "mention" and not self._in_headline(o.open) for o in self.slots):
                return None  # an earlier quote no rule could credit: the thread is lost
            k = self._para_index(slot.open)
            people = [
                r for r in name_runs(self.text, self.paras[max(0, k - 1)][0], sent[0])
                if r.person and not self.att.in_quote(r.start) and not self._in_headline(r.start)
                and self.att.is_person(r.name, r.start)
            ]
            if not people or any(not _same(r.name, people[0].name) for r in people):
                return None
            r = people[0]
            if not self._subject_position(r.start) or self.text[r.end : r.end + 2].strip() == ":":
                return None  # 'Herr Merz: „…“' is spoken to, not speaking
            return Attribution(self.att.fullest(r.name, r.start), "inferred", "reported-speech", (said[0].start(), said[0].end()), (r.start, r.end))
        pos, name, mention = self.events[-1]
        if pos >= slot.open or self._gap(pos, slot.open) > 2:
            return None
        between = [
            r for r in name_runs(self.text, pos, slot.open)
            if r.name and not r.org and not self.att.in_quote(r.start) and self.att.is_person(r.name, r.start)
        ]
        if any(not _same(r.name, tuple(name.split())) for r in between):
            return None
        return Attribution(name, "inferred", "reported-speech", (said[0].start(), said[0].end()), mention)

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

    def _quote_subhead(self, slot: Slot) -> bool:
        """'« Que l'économie soit libre »' alone on its line, with no full stop: a
        crosshead that quotes the section's words, not the next thing said."""
        k = self._para_index(slot.open)
        s, e = self.paras[k]
        line = self.text[s:e].strip()
        inner = self.text[slot.start : slot.end].rstrip()
        return line.startswith(self.text[slot.open]) and len(line) - len(inner) <= 6 and inner[-1:] not in ".!?…" and len(inner.split()) <= 8

    def headline_colon(self, slot: Slot) -> Attribution | None:
        """'Mata: United "didn't deserve to lose"', 'Press secretary: … "gratified"':
        a headline that opens with a name or a role and a colon gives the voice of
        every quote after the colon."""
        if self.headline is None or not self._in_headline(slot.open):
            return None
        h0 = self.headline[0]
        colon = self.text.find(":", h0, slot.open)
        if colon < 0:
            return None
        subject = self.text[h0:colon].strip(" \t*•-–—")
        words = subject.split()
        if not 1 <= len(words) <= 4:
            return None
        runs = [r for r in name_runs(self.text, h0, colon) if r.person]
        if runs:
            r = runs[0]
            if len(r.tokens) == len(words) and self.att.is_person(r.name, r.start):
                return Attribution(self.att.fullest(r.name, len(self.text)), "explicit", "colon", None, (r.start, r.end))
            return None
        return self._sole_holder(words)

    def what_called(self, slot: Slot) -> Attribution | None:
        """'in what Chile's president described as a "miracle"', 'what critics call
        "…"': the subject of the relative clause said the words. A role counts only
        when the article names who holds it; otherwise nothing is guessed."""
        sent = slot.extras.get("sentence")
        lo = sent[0] if sent else max(0, slot.open - 120)
        pre = self.text[lo : slot.open]
        m = re.search(
            r"\b(?:what|was)\s+((?:[\w’'.-]+\s+){1,4}?)(?:" + _JUDGING.pattern[5:-3] + r")\s+(?:it\s+)?(?:as\s+)?(?:an?\s+)?$",
            pre,
            re.IGNORECASE,
        )
        if not m:
            return None
        a = lo + m.start(1)
        words = m.group(1).split()
        span = (a, a + len(m.group(1).rstrip()))
        runs = [r for r in name_runs(self.text, span[0], span[1]) if r.person]
        if runs:
            r = runs[-1]
            if self.att.is_person(r.name, r.start):
                return Attribution(self.att.fullest(r.name, r.start), "explicit", "cue-subject", None, (r.start, r.end))
        if _GROUP_HEADS.search(words[-1]) and words[-1].lower().endswith("s"):
            return Attribution(_describe(" ".join(words)), "explicit", "description", None, span)
        if _ORG_HEAD.search(words[-1].strip(",.")) and words[0].lower() in _DEFINITE:
            # 'what the government calls': a body speaks as one
            return Attribution(_describe(" ".join(words)), "explicit", "organisation", None, span)
        return self._sole_holder(words)

    def _sole_holder(self, words: list[str]) -> Attribution | None:
        """The one person the whole article gives the role these words name, or nobody."""
        head = _head_noun(words)
        if head is None:
            return None
        holder = self._role_holder(head, len(self.text), only=True)
        if holder is None:
            return None
        return Attribution(holder[0], "inferred", "role-noun", None, holder[1])

    def sole_voice(self, slot: Slot, body: Sequence[Slot]) -> Attribution | None:
        """'Menace en Suisse: « … »' over an article in which one person alone is
        quoted: a headline quote that names no one paraphrases the article's only
        voice. Any other voice, or a quote no rule could credit, stops it."""
        if slot.kind == "mention":
            return None
        spoken = [o for o in body if o.kind != "mention"]
        credited = [o for o in spoken if o.speaker]
        if len(credited) < 3 or len(credited) < len(spoken):
            return None
        first = tuple(credited[0].speaker.split())  # type: ignore[union-attr]
        if any(not _same(tuple(o.speaker.split()), first) for o in credited):  # type: ignore[union-attr]
            return None
        found: Attribution = credited[0].extras["attribution"]
        return Attribution(credited[0].speaker, "inferred", "sole-voice", found.cue, found.mention)

    def headline_echo(self, slot: Slot, body: Sequence[Slot]) -> Attribution | None:
        """A headline quotes words the body quotes too: the body's speaker."""
        return self.echo(slot, body)

    def echo(self, slot: Slot, body: Sequence[Slot], least: int = 1) -> Attribution | None:
        """Words quoted again elsewhere, where the article says whose they are."""
        words = _words(self.text[slot.start : slot.end])
        if len(words) < least:
            return None
        best = None
        for other in body:
            if not other.speaker:
                continue
            theirs = _words(self.text[other.start : other.end])
            if _contains(theirs, words) or (len(words) >= 4 and _overlap(words, theirs) >= 0.8):
                best = other
                break
        if best is None:
            return None
        found: Attribution = best.extras["attribution"]
        rule = "headline-echo" if self._in_headline(slot.open) else "quote-echo"
        return Attribution(best.speaker, "inferred", rule, found.cue, found.mention)

    # -- evidence helpers

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

    def _role_in_brackets(self, start: int, end: int) -> bool:
        """'Name (VfL-Torhüter):', 'Name (coach, Leeds):' opening a paragraph: a
        bracketed role after a name is how interviews and match reports label each
        voice. An agency tag ('Berlin (dpa):') is not a role."""
        line = self.text.rfind("\n", 0, start) + 1
        if self.text[line:start].strip(" \t*•-–—"):
            return False
        m = re.match(r"\s*\(([^()/]{2,60})\)\s*:", self.text[end : end + 70])
        if not m:
            return False
        words = [w.strip(",.") for w in m.group(1).split()]
        return len(words) <= 6 and any(len(w) >= 5 and w[:1].isalpha() for w in words)

    def _description(self, span: tuple[int, int]) -> str | None:
        """'White House sources', 'Senior administration officials': a group named
        by its head noun, even where a capitalised word stands in front."""
        phrase = self.text[span[0] : span[1]].strip(" ,")
        words = phrase.split()
        if not words or len(words) > 6:
            return None
        head = words[-1].strip(".,")
        if _GROUP_HEADS.search(head) and head.lower().endswith("s"):
            return _describe(phrase)
        return None

    def _organisation(self, span: tuple[int, int]) -> str | None:
        phrase = self.text[span[0] : span[1]].strip(" ,")
        words = phrase.split()
        if not words or len(words) > 6:
            return None
        if any(w.lower().strip(",.") in _ORG_WORDS for w in words):
            return phrase
        return None

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

    def _subject_position(self, pos: int) -> bool:
        """Does a mention open its sentence (titles and a few words aside)? Only
        such a mention is what a later 'he' or 'she' most likely points to."""
        lo = max(0, pos - 80)
        chunk = self.text[lo:pos]
        cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind("? "), chunk.rfind("! "), chunk.rfind("» "), chunk.rfind("” "), chunk.rfind('" '))
        lead = chunk[cut + 1 :] if cut >= 0 else chunk
        if _SPEECH.search(lead):
            return False  # 'Cook said Carter believes …': Carter is inside Cook's words
        if len(lead.split()) <= 4:
            return True
        # 'Citing the risks, Cook urged …': an opening phrase, then the subject and its verb
        after = self.text[pos : pos + 60].split()
        return lead.rstrip().endswith(",") and len(after) >= 2 and _opens_verb(after)

    def _at_place(self, pos: int) -> bool:
        """'defeat at Villa Park', 'im Olympiastadion': after a preposition of
        place a capitalised name is a place, however personal it sounds."""
        prev = self.text[max(0, pos - 12) : pos].split()
        return bool(prev) and prev[-1].lower() in _LOCATIVE

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

    def _speaks_next(self, end: int) -> bool:
        """'Fiona Gault, said', 'X told reporters': a mention that a speech verb follows."""
        after = self.text[end : end + 40]
        return bool(re.match(r"[\s,]*(?:\w+\s+){0,1}(?:said|says|told|added|wrote|sagte|a déclaré|a dit|заявив|заявила|сказав|сказала)\b", after))

    def _gender(self, name: str) -> str | None:
        toks = tuple(name.split())
        known = gender_of(toks)
        if known is None and len(toks) >= 2:
            known = given_gender(toks[0])
        return known

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

    def _acronym(self, letters: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
        skip = r"(?:\s+(?:of|for|the|and|de|du|des|la|le|für|der))*\s+"
        pattern = r"\b" + skip.join(rf"{c}[\w’'-]*" for c in letters) + r"\b"
        found = re.search(rf"(?:\b[Tt]he\s+)?{pattern}", self.text)
        if found and found.group().count(" ") >= len(letters) - 1:
            return _describe(found.group()), (found.start(), found.end())
        return letters, span

    def _indefinite_before(self, noun: str, pos: int) -> tuple[str, tuple[int, int]] | None:
        """The indefinite description a definite role points back to, nearby."""
        articles = _ARTICLE_BY_LANG.get(self.lang, "a|an|another")
        if not articles:
            return None
        k = self._para_index(pos)
        lo = self.paras[max(0, k - 2)][0]
        found = None
        for m in re.finditer(
            rf"\b(?:{articles})\s+(?:[\w’'-]+\s+){{0,3}}?{re.escape(noun)}\b", self.text[lo:pos], re.IGNORECASE
        ):
            found = (m.group(), (lo + m.start(), lo + m.end()))
        return found

    def _role_holder(self, noun: str, pos: int, only: bool = False) -> tuple[str, tuple[int, int]] | None:
        """The person the article introduced with this role: 'Bundeskanzler
        Christian Stocker' for 'der Kanzler', 'Bruno Le Maire, ministre de …' for
        'le ministre'."""
        low = noun.lower()
        stem = low[:-1] if low.endswith("s") else low
        best = None
        for r in self.att.runs:
            if r.start >= pos:
                break  # a role points back; 'her opponent' is not the one named next
            if not r.person or self._in_headline(r.start) or not self.att.is_person(r.name, r.start):
                continue
            before = self.text[max(0, r.start - 60) : r.start].lower()
            after = self.text[r.end : r.end + 60].lower()
            title_words = [t.lower() for t in r.tokens[: len(r.tokens) - len(r.name)]]
            near = [w for w in before.split()[-3:] + title_words if not w.startswith(_OTHER_ROLE)]
            hit = any(w.endswith(stem) or stem in w for w in near) or re.match(
                rf"\s*(?:\([^)]*{re.escape(stem)}|,\s+(?:[\w’'-]+\s+){{0,4}}[\w-]*{re.escape(stem)})", after
            )
            if hit:
                cand = (self.att.fullest(r.name, r.start), (r.start, r.end))
                if best is None or (r.start < pos) >= (best[2] < pos):
                    rival = best is not None and not _same(tuple(cand[0].split()), tuple(best[0].split()))
                    if rival and (only or (r.start < pos) == (best[2] < pos)):  # type: ignore[index]
                        self.rivals = True
                        return None  # two people hold the role: no guess
                    best = (cand[0], cand[1], r.start)
        return (best[0], best[1]) if best else None

    def _gap(self, a: int, b: int) -> int:
        """Paragraphs from the one holding ``a`` to the one holding ``b``, not
        counting subheadings ('Religious bigotry'): a crosshead breaks the page,
        not the thread of who is speaking."""
        i, j = self._para_index(a), self._para_index(b)
        return sum(1 for k in range(i + 1, j + 1) if not self._subhead(k - 1))

    def _subhead(self, k: int) -> bool:
        s, e = self.paras[k]
        line = self.text[s:e].strip()
        return 0 < len(line.split()) <= 8 and line[-1:] not in ".!?:…\"”»“’'" and "\n" not in line

    def _para_index(self, pos: int) -> int:
        for k, (s, e) in enumerate(self.paras):
            if s <= pos < e or pos < s:
                return k
        return len(self.paras) - 1

    def _in_headline(self, pos: int) -> bool:
        return self.headline is not None and self.headline[0] <= pos < self.headline[1]


# --- small pure helpers ---------------------------------------------------------------

_ASKED = re.compile(
    r"\b(?:was|were|been|being) asked\b|\basked (?:whether|if|about|how|why|what|when)\b|"
    r"\bwurde gefragt\b|\bgefragt, ob\b|\ba été interrogée?\b|\binterrogée? sur\b|\bна запитання\b",
    re.IGNORECASE,
)

_PRONOUN_SUBJECT = {
    "he": "m", "she": "f", "він": "m", "вона": "f", "il": "m", "elle": "f", "er": "de", "sie": "de",
}


def _opens_verb(words: list[str]) -> bool:
    """Does a lower-case word (a verb, in news prose) follow the name's words?"""
    for i, w in enumerate(words[1:4], 1):
        if w[:1].islower():
            return w.strip(",.") not in ("of", "and", "de", "du", "von", "і", "та")
        if w.endswith(","):
            # 'Nadia Karimi, rang …' closes an appositive; 'Paris, Lyon' does not
            return i + 1 < len(words) and words[i + 1][:1].islower()
        if w.endswith("."):
            return False
    return False


def _headline(text: str, paras: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The first paragraph, when it reads as a headline: one short line that does
    not end like a sentence, followed by the article."""
    if len(paras) < 2:
        return None
    s, e = paras[0]
    line = text[s:e].strip()
    if "\n" in line or len(line) > 220:
        return None
    if line.rstrip("\"'”’»“«")[-1:] in ".!?" and not line.endswith(("...", "…")):
        return None  # a sentence, perhaps ending in a quote: the lede, not a headline
    return (s, e)


def _head_noun(words: list[str]) -> str | None:
    """The role or group noun of a short description: its last word before 'of'."""
    cut = []
    for w in words:
        if w.lower() in ("of", "for", "at", "from", "de", "du", "des", "von", "der", "з", "із") and cut:
            break
        cut.append(w)
    for w in reversed(cut):  # 'the tribunal's president', 'очільник МЗС'
        head = w.strip(",.;:’'")
        if _is_title(head) or _GROUP_HEADS.search(head) or head.lower() in _TITLES:
            return head
    return None


def _epithet_head(words: list[str]) -> str | None:
    body = words[1:] if words[0].lower() in _DEFINITE else words
    if words[0].lower().startswith(("l'", "l’")):
        body = [words[0][2:], *words[1:]]
    body = [w.strip(",.;:") for w in body if w.strip(",.;:")]
    if not body or not body[0][:1].islower() or not body[0].isalpha():
        return None
    return body[0]


_TIME_WORDS = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|heute|gestern|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier)[.,]?$",
    re.IGNORECASE,
)


def _without_time(words: list[str]) -> list[str]:
    """'a spokesperson Monday' -> 'a spokesperson': the day is not part of who spoke."""
    out = list(words)
    while len(out) > 1 and (_TIME_WORDS.match(out[-1]) or out[-1].lower() in ("on", "am", "le")):
        out.pop()
    return out


def _is_cyr_role(words: list[str]) -> bool:
    return all("\u0400" <= w[:1] <= "\u04ff" for w in words)


def _describe(phrase: str) -> str:
    """The article's own short description, as written (first letter lowered
    unless it is a name)."""
    phrase = phrase.strip(" ,.;:")
    first = phrase.split()[0]
    if first[:1].isupper() and (
        first.lower() in _INDEFINITE + _DEFINITE + _POSSESSIVE or _GROUP_HEADS.fullmatch(first)
    ):
        phrase = phrase[0].lower() + phrase[1:]  # 'Officials said' -> 'officials', as mid-sentence
    return phrase


_UK_SURNAME_ENDINGS = {
    "m": ("ський", "цький", "зький", "ов", "ев", "єв", "ін", "їн"),
    "f": ("ська", "цька", "зька", "ова", "ева", "єва", "іна", "їна"),
}


def _after_preposition_at(text: str, pos: int) -> bool:
    prev = text[max(0, pos - 12) : pos].split()
    return bool(prev) and prev[-1].lower() in _PREPOSITIONS


def _surname_shape(name: tuple[str, ...], gender: str | None) -> bool:
    """'Живицький повідомив': one Ukrainian word with a surname's nominative ending
    of the verb's gender. Place adjectives of that shape are written in lower case
    mid-sentence, so a capitalised one before a speech verb is a person."""
    if len(name) != 1 or gender not in _UK_SURNAME_ENDINGS or not _is_cyr(name[0]):
        return False
    word = name[0]
    return len(word) > 4 and word[:1].isupper() and word.lower().endswith(_UK_SURNAME_ENDINGS[gender])


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a and b) and a[-1][:4].lower() == b[-1][:4].lower()


def _words(s: str) -> list[str]:
    return [w.lower().rstrip(".") for w in _WORDY.findall(s)]  # 'себе...' is 'себе'


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def _overlap(a: list[str], b: list[str]) -> float:
    sb = set(b)
    return sum(1 for w in a if w in sb) / max(1, len(a))
