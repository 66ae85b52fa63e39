"""summarize.names: Ukrainian names to the nominative, given-name gender, name vs place.

The examples are invented sentences' name phrases built from common Ukrainian
and foreign names, in the cases attribution phrases put them in ("за словами"
+ genitive, "сказав" + dative, "з" + instrumental), with the surnames that trip
ending rules: women's surnames that never decline and foreign ones that do.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from summarize import names

_have_uk = names._analyzer("uk") is not None
need_uk = pytest.mark.skipif(not _have_uk, reason="pymorphy3 / pymorphy3-dicts-uk not installed")


NOMINATIVE_UK = [
    # women: given name declines, surname does not
    ("Наталії Кравець", "Наталія Кравець"),
    ("Олени Шевчук", "Олена Шевчук"),
    ("Ірини Мельник", "Ірина Мельник"),
    ("Оксані Бондаренко", "Оксана Бондаренко"),
    ("Ганною Маляр", "Ганна Маляр"),
    ("Юлії Тимошенко", "Юлія Тимошенко"),
    ("Світлані Гнатюк", "Світлана Гнатюк"),
    ("Юлії Свириденко", "Юлія Свириденко"),
    # women: surname declines like an adjective
    ("Ольги Стефанішиної", "Ольга Стефанішина"),
    ("Тетяни Олександрівни Гайдай-Петренко", "Тетяна Олександрівна Гайдай-Петренко"),
    # men: everything declines, -ко surnames included
    ("Володимира Зеленського", "Володимир Зеленський"),
    ("Володимиру Зеленському", "Володимир Зеленський"),
    ("Зеленському", "Зеленський"),
    ("Петра Порошенка", "Петро Порошенко"),
    ("Петренка", "Петренко"),
    ("Ігоря Мельника", "Ігор Мельник"),
    ("Андрієві Коваленку", "Андрій Коваленко"),
    ("Дмитра Кулеби", "Дмитро Кулеба"),
    ("Віталія Кличка", "Віталій Кличко"),
    ("Степанові Ковалю", "Степан Коваль"),
    ("Тараса Гнатюка", "Тарас Гнатюк"),
    ("Михайла Федорова", "Михайло Федоров"),
    ("Кирила Буданова", "Кирило Буданов"),
    ("Сергієві Квятковському", "Сергій Квятковський"),
    ("Олександра Вікторовича Петренка", "Олександр Вікторович Петренко"),
    # one spelling, two people: the surname decides
    ("Олександра Кравець", "Олександра Кравець"),
    ("Олександра Кравця", "Олександр Кравець"),
    # foreign names decline in Ukrainian too; indeclinable ones stay
    ("Макрона", "Макрон"),
    ("Трампа", "Трамп"),
    ("Емманюеля Макрона", "Емманюель Макрон"),
    ("Дональда Трампа", "Дональд Трамп"),
    ("Джо Байдена", "Джо Байден"),
    ("Олафа Шольца", "Олаф Шольц"),
    ("Фрідріха Мерца", "Фрідріх Мерц"),
    ("Каї Каллас", "Кая Каллас"),
    ("Урсули фон дер Ляєн", "Урсула фон дер Ляєн"),
    # already nominative: unchanged
    ("Наталія Кравець", "Наталія Кравець"),
    ("Віталій Кличко", "Віталій Кличко"),
    ("Свириденко", "Свириденко"),
]


@need_uk
@pytest.mark.parametrize(("given", "expected"), NOMINATIVE_UK)
def test_nominative_uk(given: str, expected: str) -> None:
    assert names.nominative(tuple(given.split()), "uk") == tuple(expected.split())


@need_uk
@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # each of the three apostrophes survives as written
        ("Мар’яни Коваль", "Мар’яна Коваль"),
        ("Дем'яна Ґудзя", "Дем'ян Ґудзь"),
        ("Марʼяною Головатюк", "Марʼяна Головатюк"),
        # capitals: all-caps stays all-caps; an initial is left alone
        ("ЗЕЛЕНСЬКОГО", "ЗЕЛЕНСЬКИЙ"),
        ("В. Зеленського", "В. Зеленський"),
    ],
)
def test_nominative_keeps_spelling(given: str, expected: str) -> None:
    assert names.nominative(tuple(given.split()), "uk") == tuple(expected.split())


@need_uk
@pytest.mark.parametrize("words", [("Києва",), ("Укренерго",), ("НАТО",), ()])
def test_nominative_leaves_non_names_alone(words: tuple[str, ...]) -> None:
    assert names.nominative(words, "uk") == words


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_nominative_other_languages_unchanged(lang: str) -> None:
    # Also Cyrillic input: the language decides, not the script.
    for words in [("Emmanuel", "Macron"), ("Наталії", "Кравець")]:
        assert names.nominative(words, lang) == words


@pytest.mark.skipif(names._analyzer("ru") is None, reason="pymorphy3 Russian dictionary missing")
def test_nominative_ru() -> None:
    # pymorphy3 depends on its Russian dictionary, so Russian comes for free.
    assert names.nominative(("Марии", "Захаровой"), "ru") == ("Мария", "Захарова")
    assert names.nominative(("Сергею", "Лаврову"), "ru") == ("Сергей", "Лавров")
    assert names.is_place("Москвы", "ru")


@need_uk
@pytest.mark.parametrize(
    ("word", "gender"),
    [
        ("Олени", "f"),
        ("Наталії", "f"),
        ("Юлії", "f"),  # not Юлій: his reading is locative only
        ("Мирославою", "f"),
        ("Оксано", "f"),
        ("Марʼяни", "f"),
        ("Ганна", "f"),
        ("Ігорю", "m"),
        ("Олегові", "m"),
        ("Андрієві", "m"),
        ("Дмитра", "m"),
        ("Миколи", "m"),  # ends in -и like a woman's genitive
        ("Тарасе", "m"),
        ("Олександра", None),  # she (nominative) or he (genitive)
        ("Саші", None),  # Саша is both
        ("Києва", None),  # not a given name
        ("Кравець", None),  # a surname
    ],
)
def test_given_name_gender_uk(word: str, gender: str | None) -> None:
    assert names.given_name_gender(word, "uk") == gender


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_given_name_gender_other_languages_unknown(lang: str) -> None:
    # No permissively licensed first-name list is bundled (gender-guesser is GPL).
    assert names.given_name_gender("Mary", lang) is None


@need_uk
def test_names_versus_other_capitalised_words() -> None:
    assert names.is_given_name("Олени", "uk")
    assert names.is_given_name("Ігоря", "uk")
    assert not names.is_given_name("Києва", "uk")
    assert not names.is_given_name("Укренерго", "uk")
    assert names.is_surname("Кравець", "uk")
    assert names.is_surname("Макрона", "uk")
    assert not names.is_surname("Олени", "uk")
    assert not names.is_surname("Одеси", "uk")
    assert not names.is_given_name("олени", "uk")  # lower case is never a name
    # The Ukrainian dictionary has no place tag, so this cannot say yes.
    assert not names.is_place("Києва", "uk")
    assert not names.is_given_name("Ігоря", "en")


def test_without_pymorphy3_everything_degrades(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pymorphy3", None)  # makes `import pymorphy3` fail
    names._analyzer.cache_clear()
    try:
        assert names.nominative(("Наталії", "Кравець"), "uk") == ("Наталії", "Кравець")
        assert names.given_name_gender("Олени", "uk") is None
        assert not names.is_given_name("Олени", "uk")
        assert not names.is_surname("Кравець", "uk")
    finally:
        names._analyzer.cache_clear()


def test_import_is_cheap() -> None:
    # `summarize quotes` must start fast: importing the module must not load the dictionary.
    code = "import sys, summarize.names; print('pymorphy3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
