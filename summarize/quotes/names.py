"""Names in an article: runs of capitalised words, whether a run is a person, and the
fullest form the article gives a name ('Kirby' -> 'John Kirby').

The attributor finds cues; this module says who a cue's name is.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from summarize.quotes.gender import _UK_MALE_SURNAME, _male_given, nominative
from summarize.quotes.lexicon import (
    _ARTICLES,
    _CYR_NOT_NAME_PREFIXES,
    _FIRST_NAMES,
    _NOT_NAMES,
    _ORG_WORDS,
    _PARTICLES,
    _STOP,
    _TITLES,
)
from summarize.quotes.words import _is_cyr, _is_title

_WORD = re.compile(r"[^\W\d_]\.(?=\s)|[^\W\d_][\w'’ʼ-]*")


def _is_acronym(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


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


def _given(word: str) -> bool:
    from summarize.quotes.given_names import is_given_name

    low = word.lower()
    if "-" in word.strip("-") and all(len(p) > 1 for p in word.split("-")):
        return all(_given(p) for p in word.split("-"))  # 'Marc-André', 'Anne-Sophie'
    return low in _FIRST_NAMES or is_given_name(word) or (_is_cyr(word) and is_given_name(nominative((word, "X"))[0]))


_PARTY_STATE = re.compile(r"^[A-Z]-[A-Z]")  # R-Ohio, D-N.Y.


def plausible_name(name: tuple[str, ...]) -> bool:
    """Not an initial alone ('S.' of 'U.S.'), nor a party-and-state tag ('R-Ohio')."""
    if not name or any(_PARTY_STATE.match(t) for t in name):
        return False
    return any(len(t.rstrip(".")) > 1 for t in name)


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Every word of ``part`` appears in order in ``full``, allowing inflection."""
    i = 0
    for w in full:
        if i < len(part) and _stem_match(w, part[i]):
            i += 1
    if i == len(part):
        return True
    return len(part) == 1 and _stem_match(full[-1], part[0])


class PersonNames:
    """The attributor's reading of a name: a person or not, and its fullest form."""

    text: str
    lang: str
    by_stem: dict[str, list[Run]]  # name runs by the first four letters of each word

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
