"""Who said a quote: the attribution cues (speech verbs and the names, pronouns and roles
around them) found beside each quote.

Split from ``quotes.py`` because finding quote marks and naming speakers are two
separate problems: marks are a matter of characters, speakers of words. The rules
cover English, Ukrainian (and most Russian), German and French news style; all
cue words are matched at once so that no language code is required, and the
language only settles words that mean different things in different languages.
Everything is plain ``re`` so that the detector stays fast and dependency-free. Whether a
name is a person and its fullest form are read in ``names``; gender and case in ``gender``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.quotes.gender import gender_of

# _NOT_NAMES, _ORG_WORDS, _TITLES: the property tests read the lexicon through this module
from summarize.quotes.lexicon import (  # noqa: F401
    _ARTICLES,
    _NOT_NAMES,
    _ORG_WORDS,
    _PRONOUNS,
    _RELATIVE,
    _SO_CUE,
    _SPEECH,
    _STOP,
    _TITLES,
)
from summarize.quotes.names import PersonNames, Run, name_runs, plausible_name
from summarize.quotes.words import _is_title

_END_OF_CLAUSE = re.compile(r"[.!?;]\s|[.!?;]$|[\"“”„«»‹›]|\n")
_CLAUSE_MARK = re.compile(r"[\"“”„«»‹›;:!?]|\.(?=\s)")
_ABBREV_BEFORE = re.compile(r"(?:\b[A-Z]|Dr|Mr|Ms|Mrs|St|Jr|Sr|Gen|Col|Lt|Sen|Rep|Gov|Prof|Me)\.$")
_LEAD = re.compile(r"[\s,;:]*(?:[—–-]{1,2}\s*)?")
_INTRO_PUNCT = ":,—–-"


# --- cues -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """An attribution found in the text: a name, a pronoun, or only a role."""

    span: tuple[int, int]
    name: tuple[str, ...] = ()
    pronoun: str | None = None  # 'm' or 'f' when the cue is a pronoun
    gender: str | None = None
    verb: str = ""  # the speech verb, whose ending gives the gender in Ukrainian
    verb_span: tuple[int, int] | None = None
    how: str = ""  # where it was found: after | before | colon | within | sentence


class Attributor(PersonNames):
    """Finds attribution cues around quotes and turns them into full names."""

    def __init__(self, text: str, lang: str, masked: list[tuple[int, int]]) -> None:
        self.text = text
        self.lang = lang
        self.masked = masked  # quote interiors: cue words there are someone's speech
        self.runs = [
            r for r in name_runs(text) if r.name and not r.org and not r.possessive and not self.in_quote(r.start)
        ]
        self.by_stem: dict[str, list[Run]] = {}
        for r in self.runs:
            for w in set(r.name):
                self.by_stem.setdefault(w[:4].lower(), []).append(r)

    # -- finding cues

    def _speech(self, s: int, e: int) -> list[re.Match[str]]:
        found = [m for m in _SPEECH.finditer(self.text, s, e) if not self.in_quote(m.start())]
        if self.lang == "de":
            found += [m for m in _SO_CUE.finditer(self.text, s, e) if not self.in_quote(m.start())]
            found.sort(key=lambda m: m.start())
        return [m for m in found if self._verb_ok(m)]

    def _verb_ok(self, m: re.Match[str]) -> bool:
        word = m.group().lower()
        if word in ("dit", "note", "says", "say", "states", "notes", "claims", "so"):
            return self.lang in ("fr", "de") if word in ("dit", "note", "so") else True
        if word in ("laut", "selon", "d'après", "d’après", "according to", "за словами"):
            return True
        return True

    def in_quote(self, pos: int) -> bool:
        """Is ``pos`` inside a quotation? Words there are someone's speech, not cues."""
        return any(a <= pos < b for a, b in self.masked)

    def after(self, pos: int, limit: int, strict: int) -> Cue | None:
        """A cue right after a closing mark: '," Kirby said', '», — заявив він'.

        ``strict`` is how many words may stand between the mark and the verb; a
        quote that ended its sentence allows fewer, since what follows it is more
        likely the next sentence than an attribution.
        """
        lead = _LEAD.match(self.text, pos, limit)
        p = lead.end() if lead else pos
        window_end = min(limit, p + 220)
        for stop in _END_OF_CLAUSE.finditer(self.text, p, window_end):
            if stop.group()[0] == "." and _ABBREV_BEFORE.search(self.text, max(0, stop.start() - 4), stop.start() + 1):
                continue  # 'Sen. Ann Cole, R-Ohio, said'
            window_end = stop.start()
            break
        verbs = self._speech(p, window_end)
        if not verbs:
            return None
        v = verbs[0]
        before = self.text[p : v.start()]
        if len(before.split()) > strict:
            return None
        return self._subject(p, v, window_end)

    def before(self, sent_start: int, pos: int) -> Cue | None:
        """A cue ending just before an opening mark: 'Kirby said: "', 'Як заявив X, «'."""
        seg = self.text[sent_start:pos].rstrip()
        # 'had been promised a "…"': a passive verb's subject did not say it
        verbs = [v for v in self._speech(sent_start, pos) if not _PASSIVE.search(self.text, max(0, v.start() - 12), v.start())]
        if verbs:
            v = verbs[-1]
            tail = self.text[v.end() : pos].strip()
            if not tail or tail[-1] in _INTRO_PUNCT or len(tail.split()) <= 8:
                return self._subject(sent_start, v, pos)
        if seg and seg[-1] in ":—–":
            poss = re.search(r"\b(his|her|sein|seine|ihr|ihre|його|її)\b", seg, re.IGNORECASE)
            runs = [
                r for r in name_runs(self.text, sent_start, pos)
                if r.name and not r.org and not (r.after_article and not r.titled)
            ]
            lead = _colon_subject(self.text, sent_start, pos, runs)
            if lead is not None:
                return Cue((lead.start, lead.end), lead.name, how="colon")
            if poss:
                g = "m" if poss.group(1).lower() in ("his", "sein", "seine", "його") else "f"
                return Cue((sent_start + poss.start(), sent_start + poss.end()), pronoun=g, gender=g, how="colon")
            if seg[-1] == ":":
                return Cue((sent_start, pos), how="colon")  # "An official put it this way:" names nobody
        return None

    def within(self, start: int, end: int) -> tuple[Cue, int, int] | None:
        """A cue between commas or dashes inside one pair of marks (French, Ukrainian).

        « C'est fini, a-t-il dit, nous partons. » and «Так, — сказав він. — Ні»
        are one quotation with the attribution sitting inside it.
        """
        for m in re.finditer(r"(?:,\s*(?:[—–]\s*)?|[.!?…]\s+[—–]\s*|\s[—–]\s*)", self.text[start:end]):
            p = start + m.end()
            stop = re.search(r"[,.!?;]\s*(?:[—–]\s*)?", self.text[p:end])
            if not stop:
                continue
            w_end = p + stop.start()
            verbs = [v for v in _SPEECH.finditer(self.text, p, w_end)]
            if not verbs:
                continue
            v = verbs[0]
            if len(self.text[p : v.start()].split()) > 3:
                continue
            cue = self._subject(p, v, w_end)
            if cue and (cue.name or cue.pronoun):
                sep = start + m.start()
                first_end = sep + 1 if self.text[sep] in ",.!?…" else sep
                second = p + stop.end()
                # "a réagi son avocat, Me Julien Ferrand, avoir…", "assure Pierre
                # Lacoste, vigneron à Pommard, mais…": an appositive still belongs
                # to the attribution
                nxt = re.match(r"([^,.;!?]{1,60}),\s*", self.text[second:end])
                if nxt and self.text[second - 2 : second].strip() == ",":
                    words = nxt.group(1).split()
                    runs = [r for r in name_runs(self.text, second, second + len(nxt.group(1))) if r.person]
                    if (runs and len(words) <= 4 and words[0][:1].isupper()) or (
                        words and _is_title(words[0], exact=True) and len(words) <= 6
                    ):
                        if runs and not cue.name:
                            r = runs[0]
                            cue = Cue((r.start, r.end), r.name, verb=v.group())
                        second += nxt.end()
                if first_end > start and (second < end or self.text[end : end + 1] not in _CLOSERS):
                    # an unclosed quote whose attribution ends the paragraph has no second piece
                    return cue, first_end, min(second, end)
        return None

    def in_sentence(self, sent_start: int, sent_end: int, q_start: int, q_end: int) -> Cue | None:
        """The speech verb of the writer's sentence around a partial quote."""
        verbs = self._speech(sent_start, sent_end)
        pre = [v for v in verbs if v.end() <= q_start]
        post = [v for v in verbs if v.start() >= q_end]
        for v in pre[::-1] + post:
            cue = self._subject(sent_start, v, sent_end)
            if cue is not None and (cue.name or cue.pronoun):
                return cue
        return None

    def _subject(self, clause_start: int, v: re.Match[str], clause_end: int) -> Cue | None:
        """Who the verb ``v`` belongs to: the words before it, or else after it."""
        groups = v.groupdict()
        inv = groups.get("fr_inv1") or groups.get("fr_inv2") or groups.get("uk_poss")
        vspan = (v.start(), v.end())
        if inv:
            g = "f" if inv.lower() in ("elle", "її") else "m"
            return Cue((v.start(), v.end()), pronoun=g, gender=g, verb=v.group(), verb_span=vspan)
        for mark in _CLAUSE_MARK.finditer(self.text, clause_start, v.start()):
            if mark.group() == "." and (
                _ABBREV_BEFORE.search(self.text, max(0, mark.start() - 4), mark.start() + 1)
                or self.text[mark.end() : mark.end() + 1] == ","
            ):
                continue
            clause_start = mark.end()
        cue = self._left(clause_start, v.start())
        if cue is not None:
            cue = Cue(cue.span, cue.name, cue.pronoun, cue.gender, v.group(), vspan)
        if cue is not None and (cue.name or cue.pronoun):
            return cue
        left_words = self.text[clause_start : v.start()].lower().split()
        if cue is not None and left_words in (["they"], ["вони"], ["ils"], ["elles"]):
            return cue  # 'They said': a plural subject, resolved by the speaker rules
        if cue is None or all(w.strip(",") in _STOP for w in left_words):
            # "Про це повідомив Андрій Сибіга", "said John Kirby": the name follows
            right = self._right(v.end(), clause_end, v)
            if right is not None:
                return Cue(right.span, right.name, right.pronoun, right.gender, v.group(), vspan)
        return cue

    def _left(self, s: int, e: int) -> Cue | None:
        segs = self.text[s:e].split(",")
        offs = []
        o = s
        for seg in segs:
            offs.append((o, o + len(seg)))
            o += len(seg) + 1
        last_s, last_e = offs[-1]
        if self.text[last_s:last_e].strip().lower() in _BARE_RELATIVES and len(segs) > 1:
            # 'Geoffroy Roux de Bézieux, qui avait indiqué', 'Ann Cole, who said': the
            # relative pronoun stands for the name before it
            last_e = last_s
        if self.text[last_s:last_e].strip():
            return self._np(last_s, last_e, pick_last=True)
        # "Ron Hale, chief executive of Harbor Bread, said", "Bruno Le Maire, ministre
        # de l'Economie, des Finances et de la Relance, a annoncé": walk back over
        # appositions (roles, places, relative clauses) to the name they describe
        role: Cue | None = None
        for k in range(len(segs) - 2, max(-1, len(segs) - 6), -1):
            s2, e2 = offs[k]
            seg2 = self.text[s2:e2]
            words = seg2.split()
            if not words:
                continue
            if _RELATIVE.match(seg2) or words[0].lower() in _PREPOSITIONS:
                continue
            if len(words) == 1 and words[0].endswith(".") and len(words[0]) <= 7:
                continue  # 'Jo Park of Dayton, Tenn., said': a state's abbreviation
            cue = self._np(s2, e2, pick_last=True, whole=k < len(segs) - 2 or k == len(segs) - 2)
            if cue is not None and cue.name:
                return cue
            if cue is not None and cue.pronoun:
                return cue
            if role is None and cue is not None:
                role = cue
            if k < len(segs) - 2 and not (words[0][:1].islower() or _is_title(words[0])):
                break  # not an apposition: stop walking back
        return role

    def _right(self, s: int, e: int, v: re.Match[str]) -> Cue | None:
        # a full stop ends the phrase, an initial's does not ('сказав В.Литвин')
        for stop in re.finditer(r"(?<!\b[^\W\d_])\.|[;:!?]|\s[—–]\s|\n", self.text[s:e]):
            at = s + stop.start()
            if stop.group() == "." and _ABBREV_BEFORE.search(self.text, max(0, at - 4), at + 1):
                continue  # 'said Sen. Ann Cole'
            e = at
            break
        segs = self.text[s:e].split(",")
        o = s
        first = True
        role: Cue | None = None
        for seg in segs[:3]:
            if seg.strip():
                cue = self._np(o, o + len(seg), pick_last=False, whole=not first)
                if cue is not None and (cue.name or cue.pronoun):
                    return cue
                if first and cue is not None and not cue.name:
                    # "said the bank's governor, Maria Lind": the role comes first
                    first, role = False, cue
                    o += len(seg) + 1
                    continue
                return cue if first else role
            o += len(seg) + 1
            first = False
        return role

    def _np(self, s: int, e: int, pick_last: bool, whole: bool = False) -> Cue | None:
        """Read a noun phrase: a pronoun, a person's name, or a bare role (→ no name)."""
        words = self.text[s:e].split()
        if not words:
            return None
        edge = words[-1] if pick_last else words[0]
        g = _PRONOUNS.get(edge.lower())
        if g and self._pronoun_ok(edge.lower()):
            i = self.text.rfind(edge, s, e) if pick_last else self.text.find(edge, s, e)
            return Cue((i, i + len(edge)), pronoun=g, gender=g)
        if not pick_last and len(words) > 1 and words[0].lower() in ("t-il", "t-elle"):
            g = "f" if "elle" in words[0] else "m"
            return Cue((s, e), pronoun=g, gender=g)
        runs = [r for r in name_runs(self.text, s, e) if r.person and plausible_name(r.name)]
        if whole and runs:
            head = re.split(r"\s(?:of|at|from|in|for|with|von|aus|de|du|à|з|із)\s", self.text[s:e])[0]
            covered = sum(r.end - r.start for r in runs if r.start < s + len(head))
            if covered < 0.6 * len(head.strip()):
                runs = []
        if pick_last and len(runs) > 1:
            # "Петро Лисенко з Кременчуцького району", "John Kirby of the NSC"
            kept = [r for r in runs if not _after_preposition(self.text, r.start)]
            runs = kept or runs
        if runs:
            r = runs[-1] if pick_last else runs[0]
            if not pick_last:
                # "said Kirby": the name must come at the start of the phrase
                lead_words = self.text[s : r.start].split()
                if len(lead_words) >= 2 and lead_words[0].lower() in _ARTICLES and any(
                    w.lower() in _PREPOSITIONS for w in lead_words[1:]
                ):
                    # "sagte die CDU-Politikerin in einem Interview mit … Ingo Zamperoni":
                    # the role is the subject, the name belongs to the phrase after it
                    cut = next(i for i, w in enumerate(lead_words) if i and w.lower() in _PREPOSITIONS)
                    end = self.text.find(lead_words[cut], s)
                    return Cue((s + len(self.text[s:end]) - len(self.text[s:end].lstrip()), end))
                if len(lead_words) > 6:
                    return None
            ctx = self.text[max(0, r.start - 40) : r.start]
            return Cue((r.start, r.end), r.name, gender=gender_of(r.name, ctx))
        if len(words) > 12:
            return None
        return Cue((s + len(self.text[s:e]) - len(self.text[s:e].lstrip()), e))


    def _pronoun_ok(self, word: str) -> bool:
        if word in ("er", "sie"):
            return self.lang == "de"
        if word in ("il", "elle"):
            return self.lang == "fr"
        if word in ("он", "она", "він", "вона"):
            return True
        return True


_CLOSERS = "\"”»›’'“«‹"
# a relative pronoun that is the whole subject of the speech verb
_BARE_RELATIVES = frozenset(["who", "qui", "який", "яка", "котрий", "котра"])
_PASSIVE = re.compile(r"\b(?:been|being|was|were|is|are|be)\s+$", re.IGNORECASE)


def _colon_subject(text: str, start: int, colon: int, runs: list[Run]) -> Run | None:
    """The name a colon introduces: the sentence opens with it ('Kirby: "…"',
    'Roman Neustädter (VfL-Spieler): „…“'), or it stands right before the colon.
    A name elsewhere in the sentence ('… gegen San Marino eindeutig definiert:')
    is what the sentence is about, not who speaks."""
    if not runs:
        return None
    first = runs[0]
    lead = text[start : first.start].strip(" \t\n-–—•*")
    tail = re.sub(r"\([^()]*\)", "", text[first.end : colon]).strip(" ,:—–-\t\n")
    if not lead and not tail:
        return first
    last = runs[-1]
    if not text[last.end : colon].strip(" ,:—–-\t\n") and not lead:
        return last
    return None


_PREPOSITIONS = frozenset(
    ["з", "із", "зі", "у", "в", "на", "до", "від", "для", "of", "from", "at", "in", "with", "for", "by", "von", "aus", "bei", "de", "du", "des", "à", "au"]
)


def _after_preposition(text: str, pos: int) -> bool:
    prev = text[max(0, pos - 12) : pos].split()
    return bool(prev) and prev[-1].lower() in _PREPOSITIONS


