"""What one word looks like: a title or role word, a Cyrillic word.

Shared by the name, gender and cue readings, so it sits below all three.
"""

from __future__ import annotations

from summarize.quotes.lexicon import _DE_TITLE_SUFFIXES, _TITLES, _UK_TITLE_PREFIXES


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
