"""The word lists in summarize/wordlists/*.toml load and are clean."""

from __future__ import annotations

import re
import sys
from collections import Counter
from importlib.resources import files

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from summarize.quotes import lexicon

FILES = ("en", "uk", "de", "fr", "common")
# Ordered lists rebuilt exactly as they were (regex alternations, prefix tuples), which
# already held these repeats; any other repeat is a mistake.
KNOWN_REPEATS = {
    ("uk", "speech", "stems"): {"сказа", "заяви"},
    ("fr", "speech", "participles"): {"assuré", "reconnu"},
    ("uk", "titles", "prefixes"): {"президент", "очільни", "директор"},
}


def _data(name: str) -> dict:
    path = files("summarize") / "wordlists" / f"{name}.toml"
    return tomllib.loads(path.read_bytes().decode("utf-8"))


def _arrays():
    for name in FILES:
        for section, table in _data(name).items():
            for key, value in table.items():
                if isinstance(value, list):
                    yield (name, section, key), value


@pytest.mark.parametrize("name", FILES)
def test_file_loads(name):
    assert _data(name)


@pytest.mark.parametrize(
    ("where", "words"), list(_arrays()), ids=lambda v: "/".join(v) if isinstance(v, tuple) else None
)
def test_array_clean(where, words):
    assert words, where
    for w in words:
        assert isinstance(w, str) and w and w == w.strip() and "|" not in w, (where, w)
        assert w == w.lower(), (where, w)
    repeats = {w for w, n in Counter(words).items() if n > 1}
    assert repeats <= KNOWN_REPEATS.get(where, set()), (where, repeats)


def test_lexicon_names_non_empty():
    for name, value in vars(lexicon).items():
        if name.startswith("__") or name == "re":
            continue
        if isinstance(value, re.Pattern):
            assert value.pattern
        else:
            assert value, name


def test_pronouns_gendered():
    assert set(lexicon._PRONOUNS.values()) == {"m", "f"}
