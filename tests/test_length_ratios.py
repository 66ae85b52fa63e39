"""Cut-short detection expects a pair's own translation length: Chinese takes far fewer
characters than English, Ukrainian a few more. The expectations are measured on
parallel text (the system's gettext catalogues; benchmarks/length_ratios.py)."""

from __future__ import annotations

from collections.abc import Sequence

from stand_in import StandIn

from summarize import translate_text
from summarize.engines.catalog import ModelSpec
from summarize.stages import guard

SOURCE = ("The council approved the new budget after a long debate on Tuesday evening, "
          "and the opposition walked out in protest.")
# Our own translations of SOURCE: what a good translator gives.
CHINESE = "市议会在周二晚上经过长时间辩论后批准了新预算，反对派愤然离场以示抗议。"
UKRAINIAN = ("Після тривалих дебатів у вівторок увечері рада ухвалила новий бюджет, "
             "а опозиція на знак протесту залишила залу.")


def test_a_normal_english_to_chinese_translation_is_not_cut_short():
    assert not guard.looks_cut_short(SOURCE, CHINESE, "en", "zh")


def test_an_english_to_chinese_translation_that_lost_a_clause_is_cut_short():
    assert guard.looks_cut_short(SOURCE, "市议会批准了。", "en", "zh")


def test_a_normal_english_to_ukrainian_translation_is_not_cut_short():
    assert not guard.looks_cut_short(SOURCE, UKRAINIAN, "en", "uk")


def test_an_english_to_ukrainian_translation_that_lost_a_clause_is_cut_short():
    assert guard.looks_cut_short(SOURCE, "Рада ухвалила бюджет.", "en", "uk")


def test_chinese_to_english_expects_a_longer_output():
    """The other way round, English three times as long as the Chinese is normal, and
    an English sentence as long as the Chinese has lost most of it."""
    assert not guard.looks_cut_short(CHINESE, SOURCE, "zh", "en")
    assert guard.looks_cut_short(CHINESE * 2, "The council approved the budget.", "zh", "en")


def test_an_unlisted_language_falls_back_to_its_script():
    assert not guard.looks_cut_short(SOURCE, CHINESE, "en", "yue")  # Cantonese, written in Han


def test_the_measured_table_is_what_the_threshold_relies_on():
    table = guard.length_ratios()
    rows = table["language"]
    assert {"zh", "ja", "ko", "uk", "de", "fr"} <= set(rows)
    assert all(row["pairs"] >= 300 for row in rows.values())
    # an order of magnitude between scripts, as the issue measured it
    assert rows["zh"]["median"] < rows["ja"]["median"] < rows["uk"]["median"]
    assert rows["uk"]["median"] / rows["zh"]["median"] > 2.5
    # the threshold sits below the shortest 1% of people's translations
    assert table["lowest_p1"] > guard.CUT_SHORT


class Chinese(StandIn):
    """A translator stand-in through the engine seam that answers every sentence with a
    Chinese translation of normal length (0.4 characters per English character)."""

    def __init__(self) -> None:
        self.inputs: list[str] = []

    def translate(self, spec: ModelSpec, texts: Sequence[str], src: str, tgt: str, beams: int | None = None) -> list[str]:
        self.inputs.extend(texts)
        return [CHINESE[: max(1, round(0.4 * len(t)))] for t in texts]


def test_translating_into_chinese_neither_warns_nor_translates_again():
    article = SOURCE + "\n\n" + SOURCE.replace("Tuesday", "Wednesday").replace("budget", "plan")
    engine = Chinese()
    record = translate_text(article, to="zh", from_lang="en", engine=engine)
    assert not any("incomplete" in w or "shorter" in w for w in record.warnings), record.warnings
    assert len(engine.inputs) == 2  # each sentence once: nothing re-done clause by clause
