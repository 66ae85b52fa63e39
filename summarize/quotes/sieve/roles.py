"""Rules for speakers named by a role or a group: 'the minister', 'officials', 'the union'.

A role is worth a name only when the article shows who holds it; a body or a group of
people is credited as itself and remembered as no person.
"""

from __future__ import annotations

import re

from summarize.quotes.attribution import Cue
from summarize.quotes.gender import role_gender
from summarize.quotes.lexicon import _GROUP_HEADS, _ORG_HEAD, _ORG_WORDS, _SOURCE_NOUNS
from summarize.quotes.sieve.text import (
    _DEFINITE,
    _INDEFINITE,
    _PLURAL_PRONOUNS,
    _POSSESSIVE,
    _describe,
    _head_noun,
    _same,
)
from summarize.quotes.sieve.verdict import NOBODY, Attribution, SieveState
from summarize.quotes.words import _is_title

# 'Vizekanzler', 'vice-president', 'ex-minister': another role than the bare noun
_OTHER_ROLE = ("vize", "vice", "ex-", "co-", "stellvertret", "заступ", "віце", "екс")

# epithets for a person named before: a nationality ('the Spaniard', 'the Frenchman',
# 'the Brazilian') or an age ('the 34-year-old')
_EPITHET = re.compile(r"[A-Z][a-z]+(?:ard|man|woman|ian|ean|ese|ish|ot|ek)|\d{2}-year-old")

_ACRONYM = re.compile(r"^[A-ZА-ЯІЇЄҐ]{2,6}[,.]?$")

_ARTICLE_BY_LANG = {"en": "a|an|another", "de": "ein|eine|einer|eines", "fr": "un|une", "uk": "", "ru": ""}


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


class RoleRules(SieveState):
    """The sieve's rules that resolve roles, descriptions and organisations."""

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

    def _sole_holder(self, words: list[str]) -> Attribution | None:
        """The one person the whole article gives the role these words name, or nobody."""
        head = _head_noun(words)
        if head is None:
            return None
        holder = self._role_holder(head, len(self.text), only=True)
        if holder is None:
            return None
        return Attribution(holder[0], "inferred", "role-noun", None, holder[1])

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
