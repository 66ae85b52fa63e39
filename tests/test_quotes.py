"""Behaviour of the quote detector on the cases a newsroom reader would notice."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from summarize.quotes.detect import Quote, find_quotes

SEED = Path(__file__).resolve().parents[1] / "samples" / "bakhmut-en.txt"


def quotes(text: str, lang: str | None = None) -> list[Quote]:
    scan = find_quotes(text, lang)
    for q in scan.quotes:
        assert text[q.start : q.end] == q.text
    return list(scan.quotes)


def one(text: str, lang: str | None = None) -> Quote:
    found = [q for q in quotes(text, lang) if not q.nested]
    assert len(found) == 1, found
    return found[0]


def texts(text: str, lang: str | None = None) -> list[str]:
    return [q.text for q in quotes(text, lang)]


# --- marks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "inner"),
    [
        ('"We will win," Kirby said.', "We will win,"),
        ("“We will win,” Kirby said.", "We will win,"),
        ("‘We will win,’ Kirby said.", "We will win,"),
        ("'We will win,' Kirby said.", "We will win,"),
        ("«Ми переможемо», — заявив Зеленський.", "Ми переможемо"),
        ("„Wir schaffen das“, sagte Merkel.", "Wir schaffen das"),
        ("‚Wir schaffen das‘, sagte Merkel.", "Wir schaffen das"),
        ("»Wir schaffen das«, sagte Merkel.", "Wir schaffen das"),
        ("‹Wir schaffen das›, sagte Merkel.", "Wir schaffen das"),
        ("« Nous partons », a déclaré Macron.", "Nous partons"),
        ("«\u00a0Nous partons\u00a0», a déclaré Macron.", "Nous partons"),
    ],
)
def test_every_mark_style_yields_the_words_between_the_marks(source: str, inner: str) -> None:
    q = one(source)
    assert q.text == inner
    assert q.mark_start == 0
    assert source[q.mark_end - 1] in "\"”’'»«›‹“‘"


@pytest.mark.parametrize(
    "source",
    ['"We will win,” Kirby said.', "“We will win,\" Kirby said.", "„We will win,” Kirby said."],
)
def test_mismatched_marks_still_pair(source: str) -> None:
    q = one(source)
    assert q.text == "We will win,"
    assert q.speaker == "Kirby"


def test_nested_quote_stays_in_outer_and_is_reported_too() -> None:
    source = "“He told me ‘no way’ and left,” Biden said."
    found = quotes(source)
    outer = [q for q in found if not q.nested]
    inner = [q for q in found if q.nested]
    assert [q.text for q in outer] == ["He told me ‘no way’ and left,"]
    assert [q.text for q in inner] == ["no way"]
    assert outer[0].speaker == "Biden"
    assert outer[0].mark_start < inner[0].mark_start < inner[0].mark_end < outer[0].mark_end


def test_ukrainian_nested_low_marks() -> None:
    source = "«Він сказав „ні“ і пішов», — розповіла Олена Коваль."
    found = quotes(source)
    assert [q.text for q in found] == ["Він сказав „ні“ і пішов", "ні"]
    assert found[0].speaker == "Олена Коваль"
    assert found[1].nested


@pytest.mark.parametrize(
    "source",
    [
        "Russia's war and they’re losing.",
        "It was rock 'n' roll all night.",
        "Music from the '90s and the ’80s returned.",
        "The soldiers' courage was praised.",
        "The Rojiblancos' fans sang; the Republicans’ plan failed.",
        "O'Brien and d'Artagnan met at the pub.",
        "They said 'tis the season.",
    ],
)
def test_apostrophes_are_not_quotes(source: str) -> None:
    assert quotes(source) == []


def test_apostrophes_inside_single_quoted_speech() -> None:
    q = one("‘We reject the Republicans’ plan, and the soldiers' pay cut,’ she said.")
    assert q.text == "We reject the Republicans’ plan, and the soldiers' pay cut,"


# --- paragraphs ------------------------------------------------------------------------


def test_multi_paragraph_quote_runs_to_the_final_closing_mark() -> None:
    source = (
        "Kirby read a statement.\n\n"
        '"First paragraph of the statement.\n\n'
        '"Second paragraph, and the end," Kirby said.\n\n'
        "The briefing ended."
    )
    q = one(source)
    assert q.kind == "multi-paragraph"
    assert q.text == 'First paragraph of the statement.\n\n"Second paragraph, and the end,'
    assert q.speaker == "Kirby"


def test_multi_paragraph_with_guillemets() -> None:
    source = "«Перший абзац заяви.\n\n«Другий абзац», — сказала Олена Коваль."
    q = one(source)
    assert q.kind == "multi-paragraph"
    assert q.text.startswith("Перший абзац") and q.text.endswith("Другий абзац")
    assert q.speaker == "Олена Коваль"


def test_unclosed_quote_ends_at_its_paragraph_with_a_warning() -> None:
    source = '"This quote never closes.\n\nThe next paragraph is the writer\'s own.\n\nAnd another.'
    scan = find_quotes(source)
    assert [q.text for q in scan.quotes] == ["This quote never closes."]
    assert len(scan.warnings) == 1
    assert "line 1" in scan.warnings[0] and "offset 0" in scan.warnings[0]


def test_unclosed_quote_excludes_trailing_whitespace() -> None:
    source = 'He said: "never closed   \n\nNext.'
    q = one(source)
    assert q.text == "never closed"


# --- splits and kinds -----------------------------------------------------------------------


def test_split_quote_shares_speaker_and_utterance() -> None:
    source = 'Kirby spoke first. "The plan," Jane Smith said, "is dead." "Another thing," Kirby said.'
    found = quotes(source)
    assert [q.text for q in found] == ["The plan,", "is dead.", "Another thing,"]
    first, second, third = found
    assert first.kind == second.kind == "split"
    assert first.speaker == second.speaker == "Jane Smith"
    assert first.utterance == second.utterance != third.utterance
    assert third.kind == "direct"


def test_split_quote_in_german() -> None:
    found = quotes("„Der Plan“, sagte Olaf Scholz, „ist gescheitert.“")
    assert [q.kind for q in found] == ["split", "split"]
    assert {q.speaker for q in found} == {"Olaf Scholz"}


def test_utterance_ids_are_unique_per_distinct_utterance() -> None:
    source = '"One," Kirby said. "Two," Kirby said. "Three," Kirby said.'
    ids = [q.utterance for q in quotes(source)]
    assert len(set(ids)) == 3


def test_partial_quote_in_writers_sentence() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = quotes(text)
    partial = next(q for q in found if q.text.startswith("pouring"))
    assert partial.kind == "partial"
    assert partial.speaker == "John Kirby"
    assert partial.text == "pouring, just literally throwing bodies into a meat grinder"


@pytest.mark.parametrize(
    ("source", "inner"),
    [
        ('The film "Oppenheimer" won seven awards.', "Oppenheimer"),
        ('Thatcher, the "Iron Lady", died in 2013.', "Iron Lady"),
        ('The so-called "peace dividend" never came.', "peace dividend"),
    ],
)
def test_titles_nicknames_and_scare_quotes_are_mentions(source: str, inner: str) -> None:
    q = one(source)
    assert q.text == inner
    assert q.kind == "mention"
    assert q.speaker is None


@pytest.mark.parametrize(
    ("source", "inner", "speaker"),
    [
        ('Russia calls it a "special military operation" and nothing else.', "special military operation", "Russia"),
        ('Officials called it "spin".', "spin", "officials"),
        ("Росія називає війну «спеціальною військовою операцією».", "спеціальною військовою операцією", "Росія"),
        ('Mayor Ines Varga dismissed the plan as "fantasy".', "fantasy", "Ines Varga"),
    ],
)
def test_short_quotes_the_sentence_credits_are_speech(source: str, inner: str, speaker: str) -> None:
    """'X called it "…"' is X's word, to be kept verbatim and audited, not a mention."""
    q = one(source)
    assert q.text == inner
    assert q.kind == "partial"
    assert q.speaker == speaker


# --- speakers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "speaker"),
    [
        ('"We will win," Kirby said.', "Kirby"),
        ('"We will win," said John Kirby.', "John Kirby"),
        ('"We will win," John Kirby told reporters.', "John Kirby"),
        ('"We will win," John Kirby added.', "John Kirby"),
        ('"We will win," according to John Kirby.', "John Kirby"),
        ('"We will win," John Kirby, a spokesman for the National Security Council, said.', "John Kirby"),
        ('"We will win," the bank\'s governor, Maria Lind, said.', "Maria Lind"),
        ('John Kirby said: "We will win."', "John Kirby"),
        ('John Kirby told reporters at the White House: "We will win."', "John Kirby"),
        ('"We will win," President Joe Biden said.', "Joe Biden"),
        ('"We will win," National Security Council spokesman John Kirby said.', "John Kirby"),
        ('"We will win," a senior official said.', "a senior official"),
        ('"We will win," the official said on condition of anonymity.', None),
    ],
)
def test_english_attribution(source: str, speaker: str | None) -> None:
    assert one(source).speaker == speaker


def test_surname_resolves_to_fullest_mention() -> None:
    source = (
        "National Security Council spokesman John Kirby spoke on Friday.\n\n"
        '"It is not going to change the dynamics," Kirby said.'
    )
    q = one(source)
    assert q.speaker == "John Kirby"
    assert source[q.speaker_span[0] : q.speaker_span[1]] == "Kirby"


def test_surname_resolves_to_later_full_mention() -> None:
    source = '"We will win," Kirby said.\n\nJohn Kirby is the NSC spokesman.'
    assert one(source).speaker == "John Kirby"


def test_pronoun_resolves_to_last_named_speaker() -> None:
    source = (
        '"The plan is dead," Maria Lind said on Monday.\n\n'
        "Markets fell after the remarks.\n\n"
        '"We will not change course," she added.'
    )
    found = quotes(source)
    assert [q.speaker for q in found] == ["Maria Lind", "Maria Lind"]


def test_pronoun_respects_gender() -> None:
    source = (
        '"First," said Maria Lind. "Second," said John Kirby.\n\n'
        '"Third," she added.'
    )
    assert quotes(source)[-1].speaker == "Maria Lind"


@pytest.mark.parametrize(
    ("source", "speaker"),
    [
        ("«Ми переможемо», — заявив Володимир Зеленський.", "Володимир Зеленський"),
        ("«Ми переможемо», — сказала Олена Коваль.", "Олена Коваль"),
        ("За словами Зеленського, «ми переможемо».\n\nВолодимир Зеленський виступив у Раді.", "Володимир Зеленський"),
        ("Про це повідомив Андрій Сибіга: «Ми готові».", "Андрій Сибіга"),
        ("Андрій Сибіга зазначив: «Ми готові».", "Андрій Сибіга"),
        ("«Ми готові», — заявив президент України Володимир Зеленський.", "Володимир Зеленський"),
    ],
)
def test_ukrainian_attribution(source: str, speaker: str) -> None:
    assert one(source).speaker == speaker


def test_ukrainian_pronoun() -> None:
    source = "Олена Коваль виступила у Раді.\n\n«Ми готові», — сказала вона."
    assert one(source).speaker == "Олена Коваль"


@pytest.mark.parametrize(
    ("source", "speaker"),
    [
        ("„Wir schaffen das“, sagte Angela Merkel.", "Angela Merkel"),
        ("„Wir schaffen das“, so Merkel.\n\nAngela Merkel war Kanzlerin.", "Angela Merkel"),
        ("Bundeskanzler Olaf Scholz sagte: „Wir stehen an der Seite der Ukraine.“", "Olaf Scholz"),
        ("Olaf Scholz besuchte Kiew. „Wir helfen“, sagte er.", "Olaf Scholz"),
    ],
)
def test_german_attribution(source: str, speaker: str) -> None:
    assert one(source, "de").speaker == speaker


@pytest.mark.parametrize(
    ("source", "speaker"),
    [
        ("« Nous partons », a déclaré Emmanuel Macron.", "Emmanuel Macron"),
        ("Selon Emmanuel Macron, « nous partons ».", "Emmanuel Macron"),
    ],
)
def test_french_attribution(source: str, speaker: str) -> None:
    q = one(source, "fr")
    assert q.speaker == speaker


def test_attribution_inside_guillemets_splits_the_utterance() -> None:
    """The attribution is the writer's words, not the speaker's: the pieces either
    side of it are reported as one split utterance."""
    found = quotes("Emmanuel Macron est arrivé. « C'est fini, a-t-il dit, nous partons. »")
    assert [q.text for q in found] == ["C'est fini,", "nous partons."]
    assert {q.kind for q in found} == {"split"}
    assert {q.speaker for q in found} == {"Emmanuel Macron"}
    assert found[0].utterance == found[1].utterance
    found = quotes("«Ми до останнього не знали, — сказав Дмитро Гнатюк, — чи зможемо закінчити фільм».")
    assert [q.text for q in found] == ["Ми до останнього не знали,", "чи зможемо закінчити фільм"]
    assert {q.speaker for q in found} == {"Дмитро Гнатюк"}


def test_language_is_optional() -> None:
    source = "„Wir helfen“, sagte Olaf Scholz."
    assert one(source).speaker == one(source, "de").speaker == "Olaf Scholz"


def test_reported_speech_without_marks_is_not_a_quote() -> None:
    assert quotes("According to the official, time favors Russia, he said that it was so.") == []


def test_seed_article_quotes() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = quotes(text)
    assert len(found) == 2
    direct = found[1]
    assert direct.kind == "direct"
    assert direct.speaker == "John Kirby"
    assert direct.text.startswith("Even if they are successful")
    assert direct.text.endswith("they’re losing,")


# --- speed and imports ----------------------------------------------------------------


def test_detector_imports_no_model_libraries() -> None:
    assert find_quotes('"x," he said.') is not None
    assert "torch" not in sys.modules or "summarize.engines.torch_engine" in sys.modules


def test_colon_attribution_wins_over_the_next_sentence():
    """'Kirby said: "…." The official agreed.' -- the next sentence is not an attribution."""
    text = 'Ukraine must refocus. John Kirby said: "We will win this war by spring." The official agreed.'
    (quote,) = find_quotes(text).quotes
    assert quote.text == "We will win this war by spring."
    assert quote.speaker == "John Kirby"
