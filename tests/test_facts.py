"""The fact inventory: numbers, amounts and dates with their values, per language."""

from __future__ import annotations

import pytest

from summarize.facts.inventory import Fact, find_facts
from summarize.facts.render import render


def _values(text: str, lang: str) -> list[tuple[str, str]]:
    facts = find_facts(text, lang)
    for f in facts:
        assert text[f.start : f.end] == f.text
    return [(f.kind, f.value) for f in facts]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Officials said 1,250 people were evacuated on 3 March and damage reached "
               "$4.5 million, up 12% from 2023.",
         [("number", "1250"), ("date", "--03-03"), ("money", "4500000 USD"), ("number", "12%"),
          ("number", "2023")]),
        ("en", "On March 3, 2024, the 3rd convoy of 10–12 trucks carried 100,000 litres; "
               "prices rose 2.5 percent and €3 billion was pledged.",
         [("date", "2024-03-03"), ("number", "3."), ("number", "10-12"), ("number", "100000"),
          ("number", "2.5%"), ("money", "3000000000 EUR")]),
        ("uk", "Евакуювали 1 250 людей 3 березня 2024 року, збитки сягнули 4,5 млн доларів, "
               "на 12 % більше; 3-й конвой, 10–12 вантажівок, ціни зросли на 2,5 відсотка.",
         [("number", "1250"), ("date", "2024-03-03"), ("money", "4500000 USD"), ("number", "12%"),
          ("number", "3."), ("number", "10-12"), ("number", "2.5%")]),
        ("uk", "Виділили 100 000 гривень і 2 мільярди євро до 15 квітня.",
         [("money", "100000 UAH"), ("money", "2000000000 EUR"), ("date", "--04-15")]),
        ("de", "Am 3. März 2024 wurden 1.250 Menschen evakuiert; der Schaden betrug €3 Mrd. "
               "oder 4,5 Millionen Euro, 12 Prozent mehr als im Juni 2023.",
         [("date", "2024-03-03"), ("number", "1250"), ("money", "3000000000 EUR"),
          ("money", "4500000 EUR"), ("number", "12%"), ("date", "2023-06")]),
        ("fr", "Le 3 mars 2024, 1\u202f250 personnes ont reçu 4,5 millions d'euros, 12 % de plus "
               "que le 1er avril ; 100 000 litres.",
         [("date", "2024-03-03"), ("number", "1250"), ("money", "4500000 EUR"), ("number", "12%"),
          ("date", "--04-01"), ("number", "100000")]),
    ],
)
def test_inventory_reads_each_language_on_its_own_conventions(lang, text, expected):
    assert _values(text, lang) == expected


def test_the_same_digits_mean_what_each_language_means():
    assert _values("1,250", "en") == [("number", "1250")]
    assert _values("1,250", "uk") == [("number", "1.25")]  # a decimal comma in Ukrainian
    assert _values("1.250", "de") == [("number", "1250")]
    assert _values("1.25", "en") == [("number", "1.25")]
    assert _values("4,5", "de") == [("number", "4.5")]


def test_names_of_things_are_not_figures():
    assert _values("F-16 jets, COVID-19 and the G7 summit in 5G", "en") == []


def test_times_and_numeric_dates():
    assert _values("At 14:30 on 2024-03-05, and on 05.03.2024.", "en") == [
        ("date", "T14:30"), ("date", "2024-03-05"), ("date", "2024-03-05")
    ]


@pytest.mark.parametrize("lang", ["en", "uk", "de", "fr"])
@pytest.mark.parametrize(
    "fact",
    [
        Fact("1,250", "number", "1250", 0, 5), Fact("2.5", "number", "2.5", 0, 3),
        Fact("10–12", "number", "10-12", 0, 5), Fact("12%", "number", "12%", 0, 3),
        Fact("3rd", "number", "3.", 0, 3), Fact("$4.5 million", "money", "4500000 USD", 0, 12),
        Fact("€300", "money", "300 EUR", 0, 4), Fact("£2.25 billion", "money", "2250000000 GBP", 0, 13),
        Fact("3 March", "date", "--03-03", 0, 7), Fact("March 3, 2024", "date", "2024-03-03", 0, 13),
        Fact("June 2023", "date", "2023-06", 0, 9), Fact("2023", "number", "2023", 0, 4),
    ],
)
def test_a_rendered_fact_reads_back_to_its_value(fact, lang):
    """What a protected figure turns into must be recognised by the check that follows."""
    if lang == "de" and fact.value.endswith("."):
        pytest.skip("German writes an ordinal '3.' like a sentence end; read only in dates")
    written = render(fact, lang)
    found = find_facts(f"Zz {written} zz", lang)
    assert [(f.kind, f.value) for f in found] == [(fact.kind, fact.value)], written


def test_names_are_the_people_the_article_names_wherever_it_writes_them():
    from summarize.facts.names import find_names

    text = "Lena Ortiz said the line opens in May. Ortiz and Lena Ortiz met the police."
    found = find_names(text, ["Lena Ortiz", "police", "the Environment Agency"])
    assert [(f.kind, f.value, f.start) for f in found] == [
        ("name", "Lena Ortiz", 0), ("name", "Lena Ortiz", 49)
    ]


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Як заявила Лена Ортіс, мерка міста", "Lena Ortiz", "Лена Ортіс"),
        ("Джон Кірбі сказав журналістам", "John Kirby", "Джон Кірбі"),
        ("за словами Володимира Зеленського", "Volodymyr Zelensky", "Володимира Зеленського"),
        ("sagte Olaf Scholz am Montag", "Olaf Scholz", "Olaf Scholz"),
        ("заявив мер міста", "Lena Ortiz", None),
        ("заявила Лена", "Lena Ortiz", None),  # half a name is not the name
    ],
)
def test_a_name_is_recognised_across_scripts(text, name, found):
    from summarize.facts.names import locate_name

    span = locate_name(text, name)
    assert (text[span[0] : span[1]] if span else None) == found
