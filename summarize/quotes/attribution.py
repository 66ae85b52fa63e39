"""Who said a quote: attribution cues, person names and pronouns.

Split from ``quotes.py`` because finding quote marks and naming speakers are two
separate problems: marks are a matter of characters, speakers of words. The rules
cover English, Ukrainian (and most Russian), German and French news style; all
cue words are matched at once so that no language code is required, and the
language only settles words that mean different things in different languages.
Everything is plain ``re`` so that the detector stays fast and dependency-free.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from summarize.quotes.lexicon import (  # noqa: F401
    _ARTICLES,
    _CYR_NOT_NAME_PREFIXES,
    _DE_TITLE_SUFFIXES,
    _DE_VERBS,
    _EN_VERBS,
    _FEMALE_EXTRA,
    _FEMALE_NAMES,
    _FEMALE_WORDS,
    _FIRST_NAMES,
    _FIRST_NAMES_FEMALE,
    _FR_PARTICIPLES,
    _FR_PRESENT,
    _MALE_NAMES,
    _MALE_WORDS,
    _NOT_NAMES,
    _ORG_WORDS,
    _PARTICLES,
    _PRONOUNS,
    _RELATIVE,
    _SO_CUE,
    _SPEECH,
    _STOP,
    _TITLES,
    _UK_PRESENT,
    _UK_STEMS,
    _UK_TITLE_PREFIXES,
)

_WORD = re.compile(r"[^\W\d_]\.(?=\s)|[^\W\d_][\w'’ʼ-]*")
_END_OF_CLAUSE = re.compile(r"[.!?;]\s|[.!?;]$|[\"“”„«»‹›]|\n")
_CLAUSE_MARK = re.compile(r"[\"“”„«»‹›;:!?]|\.(?=\s)")
_ABBREV_BEFORE = re.compile(r"(?:\b[A-Z]|Dr|Mr|Ms|Mrs|St|Jr|Sr|Gen|Col|Lt|Sen|Rep|Gov|Prof|Me)\.$")
_LEAD = re.compile(r"[\s,;:]*(?:[—–-]{1,2}\s*)?")
_INTRO_PUNCT = ":,—–-"


# --- names ----------------------------------------------------------------------


def _is_acronym(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_title(tok: str, exact: bool = False) -> bool:
    """A title or role word. ``exact`` skips the German compound rule
    (Bundeskanzler, DWD-Meteorologin), which would take a surname such as
    'Westminister' for a role where no name follows it."""
    low = tok.lower().rstrip(".")
    if low in _TITLES or low + "." in _TITLES:
        return True
    if not exact and any(low.endswith(s) for s in _DE_TITLE_SUFFIXES) and len(low) > 4:
        return True
    return _is_cyr(low) and low.startswith(_UK_TITLE_PREFIXES)


def _is_cyr(tok: str) -> bool:
    return bool(tok) and "\u0400" <= tok[0] <= "\u04ff"


def _strip_possessive(tok: str) -> tuple[str, bool]:
    for suffix in ("'s", "’s", "ʼs"):
        if tok.endswith(suffix):
            return tok[: -len(suffix)], True
    if tok.endswith(("'", "’")) and tok[:-1].endswith("s"):
        return tok[:-1], True
    return tok.rstrip("'’ʼ-"), False


@dataclass(frozen=True)
class Run:
    """A stretch of capitalised words: a candidate name, title or organisation."""

    start: int
    end: int
    tokens: tuple[str, ...]  # as written, possessive stripped
    name: tuple[str, ...]  # what is left after titles, stop words and places
    possessive: bool
    org: bool
    titled: bool  # a title word preceded the name ("President Joe Biden")
    after_article: bool

    @property
    def person(self) -> bool:
        """Could this run be a person's name (as opposed to a place, body or role)?"""
        if not self.name or self.org or self.possessive:
            return False
        return not (self.after_article and not self.titled)


_ARTICLE_PARTICLES = frozenset(["das", "den", "der", "dem"])


def name_runs(text: str, start: int = 0, end: int | None = None) -> list[Run]:
    """Capitalised word runs in ``text[start:end]``, with titles split off.

    Why runs rather than a name list: news names are open-ended, and the article
    itself is the only gazetteer we have.
    """
    end = len(text) if end is None else end
    runs: list[Run] = []
    cur: list[tuple[int, int, str]] = []

    def flush() -> None:
        if cur:
            runs.append(_make_run(text, cur))
            cur.clear()

    for m in _WORD.finditer(text, start, end):
        tok = m.group()
        gap = text[cur[-1][1] : m.start()] if cur else ""
        joined = bool(cur) and not cur[-1][2].endswith(("'s", "’s")) and (
            gap in (" ", "\u00a0") or (gap in (". ", ".\u00a0") and _is_title(cur[-1][2], exact=True))
        )  # "Sen. Mitt Romney", "Dr. Ada Lee": an abbreviated title joins the name
        if tok[0].isupper() and not _is_acronym(tok) and tok.lower() not in _NOT_NAMES:
            if not joined:
                flush()
            cur.append((m.start(), m.end(), tok))
        elif joined and tok in _PARTICLES and m.end() < end:
            nxt = text[m.end() : m.end() + 2]
            # 'von der Leyen', 'van den Berg'; but 'sagte Brandt der Zeitung': a
            # particle that is also a German article joins only after another particle
            after_particle = cur[-1][2] in _PARTICLES
            if tok in _ARTICLE_PARTICLES and not after_particle:
                flush()
            elif len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper():
                cur.append((m.start(), m.end(), tok))
            else:
                flush()
        else:
            flush()
    flush()
    return runs


def _make_run(text: str, items: list[tuple[int, int, str]]) -> Run:
    toks = [t for _, _, t in items]
    last, possessive = _strip_possessive(toks[-1])
    toks[-1] = last
    toks = [t.rstrip("'’ʼ") if i < len(toks) - 1 else t for i, t in enumerate(toks)]
    lows = [t.lower() for t in toks]
    org = any(w in _ORG_WORDS for w in lows)  # settled again once titles are split off
    i = 0
    while i < len(toks) and lows[i] in _STOP:
        i += 1
    titled = False
    for j in range(len(toks) - 1, i - 1, -1):
        if _is_title(toks[j], exact=j == len(toks) - 1):
            if j == len(toks) - 1 and any(_given(t) for t in toks[i:j]):
                continue  # Bruno Le Maire, Theresa May: a surname that is also a title
            titled = True
            i = j + 1
            break
    for j in range(len(toks) - 1, i - 1, -1):
        if re.match(r"[LlDd]['’][a-zà-ÿ]", toks[j]):
            titled, i = True, j + 1  # L’astrophysicienne Camille Roussel
            break
    name = [t for t in toks[i:] if not (_is_cyr(t) and t.lower().startswith(_CYR_NOT_NAME_PREFIXES))]
    while name and name[-1] in _PARTICLES:
        name.pop()
    if len(name) >= 3 and not any(t in _PARTICLES or t.endswith(".") for t in name):
        # "Pendler Klaus Meier", "Hertha-Coach Stefan Loibl": a name is two words,
        # unless the middle one is a patronymic (Володимир Олександрович Зеленський)
        keep = 3 if re.search(r"(?:ович|евич|йович|івна|ївна|овна)$", name[-2]) else 2
        if name[-keep].lower() in _FIRST_NAMES or name[0].lower() not in _FIRST_NAMES:
            titled = titled or keep < len(name)
            name = name[-keep:]
    if titled and name:
        # "Senate Majority Leader Chuck Schumer": the body in the title is not the name's
        org = any(t.lower() in _ORG_WORDS for t in name)
    if org and 2 <= len(name) <= 3 and _given(name[0]) and not any(t.lower() in _ORG_WORDS for t in name[:-1]):
        org = False  # 'Jo Park', 'Ann Church': a given name, then a surname that is also a word
    before = text[max(0, items[0][0] - 8) : items[0][0]].split()
    after_article = bool(before) and before[-1].lower() in _ARTICLES
    return Run(items[0][0], items[-1][1], tuple(toks), tuple(name), possessive, org, titled, after_article)


def _stem_match(a: str, b: str) -> bool:
    """Same word up to an inflectional ending (Зеленського ~ Зеленський, Kirby's ~ Kirby)."""
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4:
        return False
    n = 0
    for x, y in zip(a.lower(), b.lower()):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= max(len(a), len(b)) - 3 and (_is_cyr(a) or n >= max(len(a), len(b)) - 1)


def gender_of(tokens: tuple[str, ...], context: str = "") -> str | None:
    """Best guess at 'm'/'f' from first names, surname endings and role words."""
    ctx = set(context.lower().split())
    if ctx & _FEMALE_WORDS:
        return "f"
    if ctx & _MALE_WORDS:
        return "m"
    if not tokens:
        return None
    first = tokens[0].lower()
    if first in _UK_MALE_A:
        return "m"  # Микола, Петро: men's names with a feminine-looking ending
    if first in _FEMALE_NAMES or first in _FEMALE_EXTRA or first in _FIRST_NAMES_FEMALE:
        return "f"
    if first in _MALE_NAMES or first in _FIRST_NAMES:
        return "m" if not (_is_cyr(first) and first.endswith(("а", "я"))) else "f"
    from summarize.quotes.given_names import gender as given

    known = given(tokens[0]) if len(tokens) >= 2 else None  # 'Mathilde Renaud'; 'Stein' alone is a surname
    if known is not None and not _is_cyr(first):
        return known
    last = tokens[-1].lower()
    if _is_cyr(last):
        if last.endswith(("ська", "цька", "ова", "ева", "єва", "іна", "ина")):
            return "f"
        if len(tokens) >= 2:
            return "f" if first.endswith(("а", "я")) and first not in _UK_MALE_A else "m"
    return None


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


class Attributor:
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

    def is_person(self, name: tuple[str, ...], pos: int) -> bool:
        """Is there evidence that ``name`` is a person, not a place, club or noun?

        A given name at the head of the fullest form the article gives, or a
        person's title before it somewhere (Sen. Cole, Bundespräsident Gauck).
        Capitalisation alone is no evidence: German capitalises every noun, and
        places, teams and companies are capitalised everywhere.
        """
        if not plausible_name(name):
            return False
        full = self.fullest(name, pos).split()
        if len(full) >= 2 and _given(full[0]):
            return True
        surname = name[-1]
        if (
            self.lang != "de"  # every German noun is capitalised: 'Überforderung Deutschlands'
            and len(name) == 1
            and len(full) >= 2
            and full[-1] == surname
            and len(self._mentions(surname[:4].lower())) >= 2
        ):
            # 'Perparim Kryeziu' first, then 'Kryeziu': news refers to people, not
            # places or clubs, by the last word of a name given in full before
            return True
        return any(
            (r.titled or self._role_before(r.start)) and r.person and _stem_match(r.name[-1], surname)
            for r in self.by_stem.get(surname[:4].lower(), ())
        )

    def _role_before(self, pos: int) -> bool:
        """'spokeswoman Jen Psaki', 'the club's coach Ian Bell': a role word written
        in lower case right before the name, which the run of capitals left out."""
        before = self.text[max(0, pos - 30) : pos].split()
        return bool(before) and before[-1].islower() and before[-1] in _TITLES

    def _pronoun_ok(self, word: str) -> bool:
        if word in ("er", "sie"):
            return self.lang == "de"
        if word in ("il", "elle"):
            return self.lang == "fr"
        if word in ("он", "она", "він", "вона"):
            return True
        return True

    # -- naming

    def fullest(self, name: tuple[str, ...], pos: int) -> str:
        """'Kirby' → 'John Kirby': the longest mention sharing the surname."""
        best: tuple[bool, int, int, tuple[str, ...]] | None = None
        # Each distinct name once, its mentions' positions bisected: an article that
        # names one person a thousand times costs no more than one naming them once.
        for cand, starts in self._mentions(name[-1][:4].lower()).items():
            if len(cand) < len(name) or (len(cand) == len(name) and cand != name and _given(name[0])):
                continue
            if not _contains(cand, name):
                continue
            k = bisect.bisect_left(starts, pos)
            # the nearest mention before the cue counts; one after it only when none precedes
            near = pos - starts[k - 1] if k > 0 else 10**9 + starts[k] - pos
            given = len(cand) >= 2 and _given(cand[0])
            key = (given, len(cand), -near, cand)
            if best is None or key[:3] > best[:3]:
                best = key
        if best is None:
            return " ".join(nominative(name))
        full = list(best[3])
        # keep the cue's own spelling where it names the same word: after a verb
        # it is usually the nominative ("сказав Гнатюк" vs "режисера Дмитра Гнатюка")
        for i, w in enumerate(full):
            for n in name:
                if w != n and _stem_match(w, n) and _is_cyr(w):
                    full[i] = n
        if (
            len(full) >= 2
            and _is_cyr(full[0])
            and full[0].lower().endswith("а")
            and full[-1].lower().endswith(_UK_MALE_SURNAME)
            and _male_given(full[0][:-1])
        ):
            # 'Арсена Авакова' named by the cue as 'Аваков': a man's surname, so
            # the given name is his, in the genitive
            full[0] = full[0][:-1]
        return " ".join(nominative(tuple(full)))

    def _mentions(self, stem: str) -> dict[tuple[str, ...], list[int]]:
        cache = self.__dict__.setdefault("_mention_cache", {})
        if stem not in cache:
            grouped: dict[tuple[str, ...], list[int]] = {}
            for r in self.by_stem.get(stem, ()):
                grouped.setdefault(r.name, []).append(r.start)
            cache[stem] = {n: sorted(v) for n, v in grouped.items()}
        return cache[stem]



def _given(word: str) -> bool:
    from summarize.quotes.given_names import is_given_name

    low = word.lower()
    if "-" in word.strip("-") and all(len(p) > 1 for p in word.split("-")):
        return all(_given(p) for p in word.split("-"))  # 'Marc-André', 'Anne-Sophie'
    return low in _FIRST_NAMES or is_given_name(word) or (_is_cyr(word) and is_given_name(nominative((word, "X"))[0]))


_CLOSERS = "\"”»›’'“«‹"
# a relative pronoun that is the whole subject of the speech verb
_BARE_RELATIVES = frozenset(["who", "qui", "який", "яка", "котрий", "котра"])
_PASSIVE = re.compile(r"\b(?:been|being|was|were|is|are|be)\s+$", re.IGNORECASE)
_PARTY_STATE = re.compile(r"^[A-Z]-[A-Z]")  # R-Ohio, D-N.Y.


def plausible_name(name: tuple[str, ...]) -> bool:
    """Not an initial alone ('S.' of 'U.S.'), nor a party-and-state tag ('R-Ohio')."""
    if not name or any(_PARTY_STATE.match(t) for t in name):
        return False
    return any(len(t.rstrip(".")) > 1 for t in name)


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


def role_gender(noun: str) -> str | None:
    """'f' for a role noun that marks a woman (spokeswoman, Politikerin, magistrate…)."""
    low = noun.lower()
    if low.endswith(("woman", "erin", "rin", "ntin", "ière", "rice", "euse", "ниця", "иня", "ка")):
        return "f"
    return None


def verb_gender(verb: str) -> str | None:
    """A Ukrainian past-tense verb says who spoke: заявила (she), заявив (he)."""
    v = verb.lower()
    if _is_cyr(v):
        if v.endswith("ла"):
            return "f"
        if v.endswith("в") or v.endswith("л"):
            return "m"
    return None


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Every word of ``part`` appears in order in ``full``, allowing inflection."""
    i = 0
    for w in full:
        if i < len(part) and _stem_match(w, part[i]):
            i += 1
    if i == len(part):
        return True
    return len(part) == 1 and _stem_match(full[-1], part[0])


_PREPOSITIONS = frozenset(
    ["з", "із", "зі", "у", "в", "на", "до", "від", "для", "of", "from", "at", "in", "with", "for", "by", "von", "aus", "bei", "de", "du", "des", "à", "au"]
)


def _after_preposition(text: str, pos: int) -> bool:
    prev = text[max(0, pos - 12) : pos].split()
    return bool(prev) and prev[-1].lower() in _PREPOSITIONS


_UK_MALE_IY = frozenset(
    ["андрій", "сергій", "олексій", "юрій", "віталій", "анатолій", "георгій", "валерій", "геннадій", "аркадій", "григорій", "дмитрій", "євгеній"]
)
_UK_MALE_ROOTS = frozenset(
    ["олег", "іван", "володимир", "олександр", "богдан", "тарас", "роман", "максим", "ярослав", "віктор", "денис", "артем", "вадим", "степан", "святослав", "станіслав", "владислав", "руслан", "едуард", "борис", "назар", "остап", "орест", "богдан", "мирослав", "ростислав", "кирил", "антон", "леонід", "федір"]
)
_UK_MALE_SOFT = {"ігоря": "Ігор", "василя": "Василь", "миколи": "Микола"}
_UK_MALE_O = {"петра": "Петро", "дмитра": "Дмитро", "павла": "Павло", "михайла": "Михайло", "данила": "Данило"}
_UK_MALE_A = frozenset(["микола", "петро", "дмитро", "павло", "михайло", "данило"])


def nominative(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Undo the genitive of a Ukrainian name ('Наталії Кравець' → 'Наталія Кравець').

    Ukrainian names are declined, and the first mention is often in a genitive
    phrase ('за словами директорки Наталії Кравець'); the speaker must be named
    the way a reader would look them up.
    """
    if not tokens or not _is_cyr(tokens[0]):
        return tokens
    out = list(tokens)
    gender = None
    if len(out) >= 2:
        first = out[0]
        low = first.lower()
        if low in _UK_MALE_O:
            out[0], gender = _UK_MALE_O[low], "m"
        elif low in _UK_MALE_SOFT:
            out[0], gender = _UK_MALE_SOFT[low], "m"
        elif low.endswith("ія") and low[:-1] + "й" in _UK_MALE_IY:
            out[0], gender = first[:-1] + "й", "m"
        elif low.endswith("а") and (low[:-1] in _UK_MALE_ROOTS or (_male_given(first[:-1]) and not _female_given(first))):
            out[0], gender = first[:-1], "m"
        elif low.endswith("ії"):
            out[0], gender = first[:-1] + "я", "f"
        elif len(low) > 3 and low[-1] == "и" and low[-2] not in "аеєиіїоуюяь":
            out[0], gender = first[:-1] + "а", "f"
    for i in range(1 if len(out) >= 2 else 0, len(out)):
        out[i] = _nominative_surname(out[i], gender)
    return tuple(out)


_UK_MALE_SURNAME = ("ов", "ев", "єв", "ін", "їн", "ський", "цький", "зький")  # -ко, -чук: either gender


def _male_given(word: str) -> bool:
    from summarize.quotes.given_names import gender

    return gender(word) == "m"


def _female_given(word: str) -> bool:
    from summarize.quotes.given_names import gender

    return gender(word) == "f"


def _nominative_surname(w: str, gender: str | None) -> str:
    low = w.lower()
    for gen, nom in (("ського", "ський"), ("цького", "цький"), ("зького", "зький")):
        if low.endswith(gen):
            return w[: -len(gen)] + nom
    for gen, nom in (("ської", "ська"), ("цької", "цька"), ("зької", "зька")):
        if low.endswith(gen):
            return w[: -len(gen)] + nom
    if low.endswith("енка"):
        return w[:-1] + "о"
    if gender == "f" and low.endswith("ової"):
        return w[:-2] + "а"
    if gender == "m" and len(low) > 3 and low[-1] == "а" and low[-2] not in "аеєиіїоуюяь":
        return w[:-1]
    return w
