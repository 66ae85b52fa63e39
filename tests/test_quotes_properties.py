"""Properties of the quote detector that must hold for any input at all.

The detector runs on every document before any model, including garbage that a
reader decoded badly, so it must never crash and its offsets must always be exact.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.quotes import attribution
from summarize.quotes.detect import find_quotes

MARKS = "\"'“”‘’„‚«»‹›‟‛"

# Text with many quote marks, spaces, newlines and control characters mixed in.
FRAGMENTS = [*MARKS, " ", "\n", "\n\n", "\u00a0", "\t", "\x00", "\x1b", "—", ",", ".", "'s", " 'n' "]
noisy_text = st.lists(
    st.one_of(st.text(max_size=6), st.sampled_from(FRAGMENTS)), max_size=80
).map("".join)

word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
# A capitalised word that is not also a function word, title or cue word: "The
# Said said" names nobody, and the detector is right to say so.
NOT_NAMES = attribution._STOP | attribution._TITLES | attribution._NOT_NAMES | attribution._ORG_WORDS
cap_word = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("ABCDEFGHIJKLMNOPRSTUVWZ"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9),
).filter(
    lambda w: w.lower() not in NOT_NAMES
    and w.lower() not in attribution._PRONOUNS
    and not attribution._SPEECH.fullmatch(w)
    and not attribution._is_title(w)  # "Bundesminister Aaa": a role, then a name
)
# Paragraph text free of quote marks: letters, spaces and sentence punctuation.
plain_sentence = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(word, min_size=1, max_size=12),
    st.sampled_from([".", "!", "?", ""]),
)
plain_paragraph = st.builds(" ".join, st.lists(plain_sentence, min_size=1, max_size=4))


def check_offsets(source: str) -> None:
    scan = find_quotes(source)
    starts = [q.start for q in scan.quotes]
    assert starts == sorted(starts)
    for q in scan.quotes:
        assert q.text == source[q.start : q.end]
        assert q.mark_start <= q.start <= q.end <= q.mark_end
        assert q.kind in ("direct", "partial", "split", "multi-paragraph", "mention")
    for w in scan.warnings:
        assert isinstance(w, str) and w


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy_text)
def test_any_text_gives_exact_offsets_and_never_crashes(source: str) -> None:
    check_offsets(source)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(plain_paragraph, st.sampled_from([*MARKS, "\n\n"]), word), min_size=1, max_size=25))
def test_mark_heavy_paragraphs_give_exact_offsets(parts: list[str]) -> None:
    check_offsets(" ".join(parts))


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(plain_paragraph, max_size=3),
    after=st.lists(plain_paragraph, max_size=3),
    sentence=st.builds(" ".join, st.lists(word, min_size=1, max_size=10)),
    first=cap_word,
    last=cap_word,
    lang=st.sampled_from([None, "en"]),
)
def test_inserted_attributed_quote_is_found_with_its_speaker(
    before: list[str], after: list[str], sentence: str, first: str, last: str, lang: str | None
) -> None:
    name = f"{first} {last}"
    inserted = f'"{sentence.capitalize()}," {name} said.'
    source = "\n\n".join([*before, inserted, *after])
    scan = find_quotes(source, lang)
    wanted = sentence.capitalize() + ","
    hits = [q for q in scan.quotes if q.text == wanted]
    assert len(hits) == 1, scan.quotes
    assert hits[0].speaker == name
    assert hits[0].kind == "direct"
