"""Who said each quote: an ordered sieve of attribution rules, most reliable first.

A wrong name on a quote is worse than none, so each rule is a small function that
either names a speaker with its evidence (the cue and the mention that names the
speaker), declares that the evidence points at nobody the article names (and so
stops the sieve: no later, weaker rule may guess), or passes. Rules that read the
quote's own sentence give ``explicit`` attributions; rules that reach back to an
earlier quote, a pronoun's antecedent or a role noun give ``inferred`` ones.

The cues themselves (speech verbs, the names and pronouns around them) are found
by ``attribution.Attributor``; this module decides what they are worth. It holds the order
of the rules and the loop over a document; the rules themselves live in ``sieve/``, one
module per family.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from summarize.quotes.attribution import Attributor
from summarize.quotes.sieve.discourse import DiscourseRules
from summarize.quotes.sieve.headline import HeadlineRules
from summarize.quotes.sieve.naming import NamingRules
from summarize.quotes.sieve.roles import RoleRules
from summarize.quotes.sieve.sentence import SentenceRules
from summarize.quotes.sieve.verdict import Attribution, Slot

__all__ = ["Attribution", "Sieve"]


class Sieve(NamingRules, SentenceRules, DiscourseRules, RoleRules, HeadlineRules):
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


