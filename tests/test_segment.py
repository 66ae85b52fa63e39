"""segment: paragraphs, sentences and token-budget chunks as offsets into the text.

The token counter is the real seam: a word counter stands in for a tokenizer.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.stages.segment import (
    Chunk,
    chunks,
    document_sentences,
    merge_across,
    paragraphs,
    sentences,
    split_words,
)

Span = tuple[int, int]


def words(texts: Sequence[str]) -> list[int]:
    return [len(t.split()) for t in texts]


def texts_of(text: str, spans: Sequence[Span] | Sequence[Chunk]) -> list[str]:
    out = []
    for s in spans:
        a, b = (s.start, s.end) if isinstance(s, Chunk) else s
        out.append(text[a:b])
    return out


def assert_ordered_inside(text: str, spans: Sequence[Span]) -> None:
    prev = 0
    for a, b in spans:
        assert 0 <= prev <= a < b <= len(text), (spans, len(text))
        prev = b


def assert_covers_non_space_once(text: str, spans: Sequence[Span], start: int = 0, end: int | None = None) -> None:
    end = len(text) if end is None else end
    hits = [0] * len(text)
    for a, b in spans:
        for i in range(a, b):
            hits[i] += 1
    for i in range(start, end):
        if text[i].isspace():
            assert hits[i] <= 1
        else:
            assert hits[i] == 1, (i, text[i], spans)


def contained(span: Span, spans: Sequence[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


# --------------------------------------------------------------------------- paragraphs


def test_paragraphs_split_on_blank_lines_only() -> None:
    text = "  \n\n A.\nB.\n \t\n\n C.  \n\n\n"
    spans = paragraphs(text)
    assert texts_of(text, spans) == ["A.\nB.", "C."]
    assert spans == [(5, 10), (16, 18)]


def test_paragraphs_of_blank_text() -> None:
    assert paragraphs("") == []
    assert paragraphs(" \n\n\t\n ") == []


def test_single_paragraph_is_the_stripped_text() -> None:
    text = "\n  One line.\nAnother line.  \n"
    assert texts_of(text, paragraphs(text)) == ["One line.\nAnother line."]


# --------------------------------------------------------------------------- sentences


def test_english_sentences() -> None:
    text = "The council met on Tuesday. Did it vote? It did! The bridge will be built."
    assert texts_of(text, sentences(text, "en")) == [
        "The council met on Tuesday.",
        "Did it vote?",
        "It did!",
        "The bridge will be built.",
    ]


def test_ukrainian_sentences() -> None:
    text = "Паводок накрив місто. Мер сказала, що допомога вже їде! Чи встигнуть рятувальники? Побачимо."
    assert texts_of(text, sentences(text, "uk")) == [
        "Паводок накрив місто.",
        "Мер сказала, що допомога вже їде!",
        "Чи встигнуть рятувальники?",
        "Побачимо.",
    ]


def test_sentences_inside_a_span_index_the_whole_text() -> None:
    text = "Intro paragraph here.\n\nFirst one. Second one."
    para = paragraphs(text)[1]
    spans = sentences(text, "en", para)
    assert texts_of(text, spans) == ["First one.", "Second one."]
    assert all(para[0] <= a and b <= para[1] for a, b in spans)


def test_a_quoted_passage_is_kept_in_one_sentence() -> None:
    text = 'She said: “The plan is dead. We will start again.” Then she left.'
    assert texts_of(text, sentences(text, "en")) == [
        "She said: “The plan is dead. We will start again.”",
        "Then she left.",
    ]


def test_protected_span_joins_the_sentences_it_crosses() -> None:
    text = "She said the plan is dead. We will start again, she added. Then she left."
    q = (text.index("the plan"), text.index("again") + len("again"))
    assert texts_of(text, sentences(text, "en")) == [
        "She said the plan is dead.",
        "We will start again, she added.",
        "Then she left.",
    ]
    assert texts_of(text, sentences(text, "en", protected=[q])) == [
        "She said the plan is dead. We will start again, she added.",
        "Then she left.",
    ]


def test_merge_across() -> None:
    spans = [(0, 5), (6, 10), (11, 15), (16, 20)]
    assert merge_across(spans, [(3, 8)]) == [(0, 10), (11, 15), (16, 20)]
    assert merge_across(spans, [(3, 18)]) == [(0, 20)]
    assert merge_across(spans, [(3, 8), (12, 17)]) == [(0, 10), (11, 20)]
    # a protected span that ends where a sentence ends, or starts where one starts, cuts nothing
    assert merge_across(spans, [(0, 5), (6, 10)]) == spans
    assert merge_across([], [(0, 3)]) == []


def test_document_sentences_are_grouped_by_paragraph() -> None:
    text = "One. Two.\n\nThree. Four. Five."
    groups = document_sentences(text, "en")
    assert [texts_of(text, g) for g in groups] == [["One.", "Two."], ["Three.", "Four.", "Five."]]


# --------------------------------------------------------------------------- chunks


def test_short_text_is_one_chunk() -> None:
    text = "The council met. It voted for the bridge."
    assert chunks(text, "en", 100, words) == [Chunk(0, len(text), 8)]


def test_empty_text_has_no_chunks() -> None:
    assert chunks("", "en", 10, words) == []
    assert chunks(" \n\n ", "en", 10, words) == []


def test_chunks_group_whole_sentences_within_the_budget() -> None:
    text = "One two three. Four five six.\n\nSeven eight nine. Ten eleven twelve."
    result = chunks(text, "en", 6, words)
    assert texts_of(text, result) == ["One two three. Four five six.", "Seven eight nine. Ten eleven twelve."]
    assert [c.tokens for c in result] == [6, 6]
    assert not any(c.forced_cut for c in result)


def test_chunks_may_join_paragraphs() -> None:
    text = "One two.\n\nThree four."
    assert texts_of(text, chunks(text, "en", 10, words)) == [text]


def test_an_over_long_sentence_is_cut_and_flagged() -> None:
    long = " ".join(f"w{i}" for i in range(25)) + "."
    text = f"Short one here. {long} Tail end."
    result = chunks(text, "en", 10, words)
    assert texts_of(text, result)[0] == "Short one here."
    forced = [c for c in result if c.forced_cut]
    assert [c.tokens for c in forced] == [10, 10, 5]
    assert " ".join(texts_of(text, forced)) == long
    assert texts_of(text, result)[-1] == "Tail end."
    assert not result[0].forced_cut and not result[-1].forced_cut


def test_split_words() -> None:
    text = "  alpha beta  gamma delta epsilon  "
    pieces = split_words(text, (0, len(text)), 2, words)
    assert texts_of(text, pieces) == ["alpha beta", "gamma delta", "epsilon"]
    assert split_words("   ", (0, 3), 2, words) == [(0, 3)]


def test_a_quote_within_a_sentence_is_never_cut_when_sentences_fit() -> None:
    text = 'The mayor spoke. She said: "We will build it." Then she left the room.'
    q = (text.index('"We'), text.index('it."') + 4)
    for budget in range(6, 20):
        result = chunks(text, "en", budget, words, [q])
        assert contained(q, [(c.start, c.end) for c in result]), budget


def test_forced_cut_does_not_split_a_quote_that_fits() -> None:
    text = "One two three four five six seven the plan is dead. We will start again eight nine ten eleven twelve."
    q = (text.index("the plan"), text.index("again") + len("again"))
    assert words([text[q[0] : q[1]]]) == [8]
    result = chunks(text, "en", 10, words, [q])
    assert all(c.tokens <= 10 for c in result)
    assert contained(q, [(c.start, c.end) for c in result]), texts_of(text, result)


def test_multi_paragraph_quote_is_not_split_between_chunks() -> None:
    text = "Late on Tuesday. She said: “Quote starts here.\n\n“Quote continues here,” she said. End."
    q = (text.index("“Quote starts"), text.index("here,”") + len("here,”"))
    assert words([text[q[0] : q[1]]]) == [6]
    result = chunks(text, "en", 10, words, [q])
    assert all(c.tokens <= 10 for c in result)
    assert contained(q, [(c.start, c.end) for c in result]), texts_of(text, result)


# --------------------------------------------------------------------------- properties

VOCAB = ["river", "bridge", "mayor", "council", "vote", "city", "budget", "school", "road",
         "night", "storm", "court", "plan", "team", "match", "мер", "міст", "рада", "місто"]

# one cheap draw per sentence: each byte picks a word
sentence_st = st.binary(min_size=1, max_size=12).map(lambda b: [VOCAB[x % len(VOCAB)] for x in b])
paragraph_st = st.lists(st.tuples(sentence_st, st.sampled_from([".", "!", "?"])), min_size=1, max_size=4)
doc_st = st.tuples(
    st.lists(paragraph_st, min_size=1, max_size=4),
    st.sampled_from(["\n\n", "\n \n", "\n\n\n  "]),
    st.sampled_from([" ", "  ", "\n"]),
    st.sampled_from(["", " ", "\n\n"]),
)


def build(doc) -> tuple[str, list[list[Span]]]:
    """Text and, per paragraph, the spans of its words."""
    paras, para_sep, sent_sep, edge = doc
    text = edge
    para_words: list[list[Span]] = []
    for pi, para in enumerate(paras):
        if pi:
            text += para_sep
        spans: list[Span] = []
        for si, (ws, end) in enumerate(para):
            if si:
                text += sent_sep
            for wi, w in enumerate(ws):
                if wi:
                    text += " "
                w = w.capitalize() if wi == 0 else w
                if wi == len(ws) - 1:
                    w += end
                spans.append((len(text), len(text) + len(w)))
                text += w
        para_words.append(spans)
    return text + edge, para_words


@st.composite
def doc_with_protected(draw):
    text, para_words = build(draw(doc_st))
    protected: list[Span] = []
    for _ in range(draw(st.integers(0, 3))):
        wspans = para_words[draw(st.integers(0, len(para_words) - 1))]
        i = draw(st.integers(0, len(wspans) - 1))
        j = draw(st.integers(i, min(len(wspans) - 1, i + 8)))
        protected.append((wspans[i][0], wspans[j][1]))
    return text, para_words, protected


PROPS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(doc_st)
def test_paragraph_spans_property(doc) -> None:
    text, para_words = build(doc)
    spans = paragraphs(text)
    assert len(spans) == len(para_words)
    assert_ordered_inside(text, spans)
    assert_covers_non_space_once(text, spans)
    for (a, b), wspans in zip(spans, para_words):
        assert (a, b) == (wspans[0][0], wspans[-1][1])


@PROPS
@given(doc_with_protected())
def test_sentence_spans_property(case) -> None:
    text, _, protected = case
    for para, group in zip(paragraphs(text), document_sentences(text, "en", protected)):
        assert_ordered_inside(text, group)
        assert all(para[0] <= a and b <= para[1] for a, b in group)
        assert_covers_non_space_once(text, group, *para)
        for a, b in group:
            assert not text[a].isspace() and not text[b - 1].isspace()
    flat = [s for g in document_sentences(text, "en", protected) for s in g]
    for q in protected:
        assert contained(q, flat), (q, texts_of(text, flat))


@PROPS
@given(doc_st, st.integers(1, 30))
def test_chunk_spans_property(doc, budget: int) -> None:
    text, _ = build(doc)
    result = chunks(text, "en", budget, words)
    spans = [(c.start, c.end) for c in result]
    assert_ordered_inside(text, spans)
    assert_covers_non_space_once(text, spans)
    for c in result:
        assert c.tokens == words([text[c.start : c.end]])[0]
        assert c.tokens <= budget or c.forced_cut
        assert c.tokens <= budget  # a one-token-per-word counter always fits after a cut


@PROPS
@given(doc_with_protected(), st.integers(0, 20))
def test_protected_span_stays_in_one_chunk_when_units_fit(case, extra: int) -> None:
    text, _, protected = case
    units = [s for g in document_sentences(text, "en", protected) for s in g]
    budget = max(words(texts_of(text, units))) + extra  # every unit fits: no forced cut
    result = chunks(text, "en", budget, words, protected)
    spans = [(c.start, c.end) for c in result]
    assert not any(c.forced_cut for c in result)
    assert all(c.tokens <= budget for c in result)
    assert_covers_non_space_once(text, spans)
    for q in protected:
        assert contained(q, spans), (q, texts_of(text, result))


@pytest.mark.parametrize("limit", [10, 11, 12])
def test_a_quote_longer_than_a_piece_is_cut_rather_than_overflowing(limit):
    """Moving a cut back to a quote's start must not leave a piece over the model's
    limit: the engine would refuse it and stop the run."""
    text = 'A "bbbb cccc dddd eeee ffff gggg" h.'
    quote = (text.index('"'), text.rindex('"') + 1)

    def count(words):
        return [len(w) for w in words]

    pieces = split_words(text, (0, len(text)), limit, count, [quote])
    assert all(sum(count(text[a:b].split())) <= limit for a, b in pieces), pieces
    assert " ".join(text[a:b] for a, b in pieces).split() == text.split()
