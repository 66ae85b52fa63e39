"""protect/restore around the model, and the output checks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.stages import guard
from summarize.stages.guard import Piece


def _pieces(text: str, quote: tuple[int, int]) -> list[Piece]:
    a, b = quote
    return [Piece(0, a), Piece(a, b, quote=0), Piece(b, len(text))]


def test_protect_hides_the_quote_and_its_marks():
    text = 'Kirby said: "It is over." Then he left.'
    a = text.index('"')
    b = text.index('"', a + 1) + 1
    masked = guard.protect(text, _pieces(text, (a, b)))
    assert masked == "Kirby said: QT1 Then he left."
    assert "over" not in masked


def test_restore_puts_quotes_back_in_order():
    restored = guard.restore("Кірбі сказав: QT1, а потім QT2.", ["«A»", "«B»"])
    assert restored == "Кірбі сказав: «A», а потім «B»."


def test_restore_strips_marks_the_model_added_around_a_placeholder():
    assert guard.restore("Він сказав: «QT1».", ["«Слова»"]) == "Він сказав: «Слова»."


def test_restore_refuses_dropped_duplicated_or_reordered_placeholders():
    assert guard.restore("Нічого.", ["«A»"]) is None
    assert guard.restore("QT1 і QT1", ["«A»"]) is None
    assert guard.restore("QT2 і QT1", ["«A»", "«B»"]) is None


words = st.text(alphabet="abcdefghij клмнопрст.,", min_size=0, max_size=30)


@settings(max_examples=150)
@given(st.lists(words, min_size=2, max_size=6))
def test_protect_then_restore_round_trip(parts):
    """With placeholders intact, restore gives every replacement back once, in order."""
    replacements = [f"«quote {n}»" for n in range(len(parts) - 1)]
    model_output = "".join(
        part + (f"QT{n + 1}" if n < len(replacements) else "") for n, part in enumerate(parts)
    )
    restored = guard.restore(model_output, replacements)
    assert restored is not None
    positions = [restored.index(r) for r in replacements]
    assert positions == sorted(positions)


def test_output_problems_flag_empty_and_salad():
    assert guard.output_problems("src", "   ") == ["the model returned an empty text"]
    assert guard.output_problems("src", "люди " * 12)
    assert guard.output_problems("src", "daydaydayarkivarkivarkiv mbmbmb kkk")
    fine = ("The official said Ukraine should prepare a spring offensive rather than defend "
            "Bakhmut at all costs, because time favours Russia there.")
    assert guard.output_problems("src", fine) == []
    assert guard.output_problems("src", "Україна має готувати наступ, а не тримати Бахмут.") == []


def test_looks_cut_short():
    source = "The council approved the budget after a long debate, and the opposition walked out."
    assert guard.looks_cut_short(source, "Рада ухвалила.")
    assert not guard.looks_cut_short(source, "Рада ухвалила бюджет після довгих дебатів, а опозиція вийшла.")
