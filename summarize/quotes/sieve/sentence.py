"""Rules that find the speaker as the subject of the quote's sentence or paragraph: the
sentence's subject, a colon paragraph, reported speech, a name later in the sentence.

They read the grammar around a quote that has no cue of its own.
"""

from __future__ import annotations

import re

from summarize.quotes.attribution import _PREPOSITIONS
from summarize.quotes.gender import verb_gender
from summarize.quotes.lexicon import (
    _ABOUT_THIS,
    _GROUP_HEADS,
    _JUDGING,
    _SPEECH,
    _SPEECH_NOUNS,
    _SUBJUNCTIVE,
)
from summarize.quotes.names import name_runs
from summarize.quotes.sieve.text import (
    _DEFINITE,
    _PLURAL_PRONOUNS,
    _POSSESSIVE,
    _PRONOUN_SUBJECT,
    _RELATIVES,
    _describe,
    _head_noun,
    _opens_verb,
    _same,
)
from summarize.quotes.sieve.verdict import Attribution, SieveState, Slot

_LOCATIVE = frozenset(["at", "in", "near", "outside", "inside", "im", "am", "beim", "в", "на", "біля", "dans"])

_OWNED_SPEECH = re.compile(
    r"\s*([A-ZÀ-ÖØ-Þ][\w-]*(?:\s[A-ZÀ-ÖØ-Þ][\w-]*)?['’]s)\s+(?:\w+\s+){0,2}?"
    rf"(?:{_SPEECH_NOUNS})\b",
)

# a sentence opening with a participle clause whose subject comes after it
_OPENING_CLAUSE = re.compile(
    r"\s*(?:Après avoir|Avant d['’]avoir|Après s['’]être|After|Having|Nachdem er|Nachdem sie|Після того,? як)\b"
)

_NOT_SUBJECTS = frozenset(
    ["they", "we", "it", "this", "that", "these", "those", "there", "he", "she", "i", "you",
     "ils", "elles", "on", "nous", "wir", "es", "man", "вони", "ми", "це"]
)


class SentenceRules(SieveState):
    """The sieve's rules that read the subject of the quote's sentence."""

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
