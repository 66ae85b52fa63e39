"""Rules for headlines, standfirsts and pull quotes: the 'Name: "..."' headline, the sole
voice of an article, and quotes that echo words the body credits later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarize.quotes.attribution import Cue
from summarize.quotes.lexicon import _GROUP_HEADS, _JUDGING, _ORG_HEAD
from summarize.quotes.names import name_runs
from summarize.quotes.sieve.text import _DEFINITE, _WORDY, _describe, _opens_verb, _same
from summarize.quotes.sieve.verdict import Attribution, SieveState, Slot


def _words(s: str) -> list[str]:
    return [w.lower().rstrip(".") for w in _WORDY.findall(s)]  # 'себе...' is 'себе'


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def _overlap(a: list[str], b: list[str]) -> float:
    sb = set(b)
    return sum(1 for w in a if w in sb) / max(1, len(a))


class HeadlineRules(SieveState):
    """The sieve's rules for headlines, subheads and echoed quotes."""

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

    def _quote_subhead(self, slot: Slot) -> bool:
        """'« Que l'économie soit libre »' alone on its line, with no full stop: a
        crosshead that quotes the section's words, not the next thing said."""
        k = self._para_index(slot.open)
        s, e = self.paras[k]
        line = self.text[s:e].strip()
        inner = self.text[slot.start : slot.end].rstrip()
        return line.startswith(self.text[slot.open]) and len(line) - len(inner) <= 6 and inner[-1:] not in ".!?…" and len(inner.split()) <= 8

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
