"""catalog: models/catalog.toml as ModelSpecs; resolving names; default routing.

Also language.check_code, which validates codes against the catalog's languages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.engines import catalog
from summarize.engines.catalog import languages, load_catalog, resolve, route
from summarize.errors import ModelError, UnknownLanguageError, UsageError
from summarize.options import Task
from summarize.stages.language import check_code

REQUIRED = {
    "distilbart-cnn-12-6": ("sshleifer/distilbart-cnn-12-6", Task.SUMMARY),
    "distilbart-cnn-6-6": ("sshleifer/distilbart-cnn-6-6", Task.SUMMARY),
    "bart-large-cnn": ("facebook/bart-large-cnn", Task.SUMMARY),
    "opus-mt-en-uk": ("Helsinki-NLP/opus-mt-en-uk", Task.TRANSLATION),
    "opus-mt-uk-en": ("Helsinki-NLP/opus-mt-uk-en", Task.TRANSLATION),
    "opus-mt-tc-big-en-zle": ("Helsinki-NLP/opus-mt-tc-big-en-zle", Task.TRANSLATION),
    "m2m100_418M": ("facebook/m2m100_418M", Task.TRANSLATION),
    "nllb-200-distilled-600M": ("facebook/nllb-200-distilled-600M", Task.TRANSLATION),
}


def by_alias() -> dict[str, catalog.ModelSpec]:
    return {s.alias: s for s in load_catalog()}


# --------------------------------------------------------------------------- the data


def test_required_models_present_with_licences() -> None:
    specs = by_alias()
    assert set(REQUIRED) <= set(specs)
    for alias, (hub_id, task) in REQUIRED.items():
        spec = specs[alias]
        assert spec.hub_id == hub_id
        assert spec.task is task
        assert spec.licence, alias
        assert spec.commercial in (True, False), alias
        assert spec.max_input_tokens and spec.max_input_tokens > 0
        assert spec.revision
        assert spec.ident == f"{hub_id}@{spec.revision}"


def test_aliases_and_hub_ids_are_unique() -> None:
    specs = load_catalog()
    assert len({s.alias for s in specs}) == len(specs)
    assert len({s.hub_id for s in specs}) == len(specs)


def test_summary_models_have_lengths_for_every_choice() -> None:
    for spec in load_catalog():
        if spec.task is Task.SUMMARY:
            assert set(spec.lengths) == {"short", "medium", "long"}
            for lo, hi in spec.lengths.values():
                assert 0 < lo < hi


def test_nllb_is_non_commercial() -> None:
    nllb = by_alias()["nllb-200-distilled-600M"]
    assert nllb.commercial is False
    assert "NC" in (nllb.licence or "")
    assert not nllb.default
    assert nllb.lang_codes["uk"] == "ukr_Cyrl" and nllb.lang_codes["en"] == "eng_Latn"


def test_tc_big_target_token_for_ukrainian() -> None:
    spec = resolve("opus-mt-tc-big-en-zle", Task.TRANSLATION)
    assert spec.target_tokens["uk"] == ">>ukr<<"
    assert spec.target_tokens["ru"] == ">>rus<<"
    assert spec.targets == ("uk", "ru", "be")


def test_source_targets_mean_any_to_any() -> None:
    m2m = by_alias()["m2m100_418M"]
    assert m2m.targets == m2m.source
    assert m2m.covers("de", "uk")
    assert not m2m.covers("de", "xx")
    assert not by_alias()["opus-mt-en-uk"].covers("de", "uk")
    assert not by_alias()["opus-mt-en-uk"].covers("en", "ru")


def test_languages_are_plain_codes() -> None:
    codes = languages(Task.TRANSLATION)
    assert {"en", "uk", "de", "ru", "fr"} <= codes
    assert not any(c.startswith("*") for c in codes)
    assert languages(Task.SUMMARY) == {"en"}
    assert languages() >= codes


# --------------------------------------------------------------------------- routing


@pytest.mark.parametrize(
    ("task", "src", "tgt", "alias"),
    [
        (Task.TRANSLATION, "en", "uk", "opus-mt-en-uk"),
        (Task.TRANSLATION, "uk", "en", "opus-mt-uk-en"),
        (Task.TRANSLATION, "de", "uk", "m2m100_418M"),
        (Task.TRANSLATION, "en", "ru", "m2m100_418M"),
        (Task.TRANSLATION, "fr", "de", "m2m100_418M"),
        (Task.SUMMARY, "en", None, "distilbart-cnn-12-6"),
        (Task.SUMMARY, "en", "en", "distilbart-cnn-12-6"),
    ],
)
def test_route_defaults(task: Task, src: str, tgt: str | None, alias: str) -> None:
    assert route(task, src, tgt).alias == alias


def test_nllb_is_never_routed_by_default() -> None:
    nllb = by_alias()["nllb-200-distilled-600M"]
    pairs = [(s, t) for s in nllb.source for t in nllb.targets if s != t]
    assert len(pairs) > 900
    for src, tgt in pairs:
        try:
            spec = route(Task.TRANSLATION, src, tgt)
        except ModelError:
            continue
        assert spec.family != "nllb", (src, tgt)
        assert spec.commercial is True


def test_route_without_a_model_says_how_to_pick_one() -> None:
    with pytest.raises(ModelError) as info:
        route(Task.TRANSLATION, "en", "xx")
    message = str(info.value)
    assert "en→xx" in message and "--model" in message
    with pytest.raises(ModelError) as info:
        route(Task.SUMMARY, "uk", None)
    assert "summary" in str(info.value) and "--model" in str(info.value)


# --------------------------------------------------------------------------- resolving names


def test_resolve_by_alias_and_hub_id() -> None:
    a = resolve("opus-mt-en-uk", Task.TRANSLATION)
    b = resolve("Helsinki-NLP/opus-mt-en-uk", Task.TRANSLATION)
    assert a == b
    assert a.in_catalog and not a.local
    assert resolve("facebook/bart-large-cnn", Task.SUMMARY).alias == "bart-large-cnn"


def test_resolve_unknown_hub_id_passes_through() -> None:
    spec = resolve("someorg/tiny-summarizer", Task.SUMMARY)
    assert spec.hub_id == "someorg/tiny-summarizer"
    assert spec.task is Task.SUMMARY
    assert not spec.in_catalog and not spec.local
    assert spec.ident == "someorg/tiny-summarizer@main"


@pytest.mark.parametrize("hub_id", ["facebook/m2m100_1.2B", "facebook/nllb-200-distilled-1.3B"])
def test_resolve_hub_id_with_a_dot(hub_id: str) -> None:
    spec = resolve(hub_id, Task.TRANSLATION)
    assert spec.hub_id == hub_id and not spec.local


def test_resolve_local_folder_with_config(tmp_path: Path) -> None:
    folder = tmp_path / "my-marian"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": "marian"}), encoding="utf-8")
    spec = resolve(str(folder), Task.TRANSLATION)
    assert spec.local and not spec.in_catalog
    assert spec.family == "marian"
    assert spec.task is Task.TRANSLATION
    assert Path(spec.hub_id) == folder.resolve()
    assert spec.alias == "my-marian"
    assert spec.ident.endswith("@local")


def test_resolve_relative_local_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "models" / "bart"
    folder.mkdir(parents=True)
    (folder / "config.json").write_text('{"model_type": "bart"}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    spec = resolve("models/bart", Task.SUMMARY)
    assert spec.local and Path(spec.hub_id) == folder.resolve()


def test_folder_without_config_is_not_a_model(tmp_path: Path) -> None:
    folder = tmp_path / "weights"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"\x00")
    with pytest.raises(ModelError) as info:
        resolve(str(folder), Task.SUMMARY)
    message = str(info.value)
    assert "config.json" in message and str(folder) in message


def test_folder_with_broken_config(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError) as info:
        resolve(str(folder), Task.SUMMARY)
    assert "config.json" in str(info.value)


def test_missing_folder_path(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as info:
        resolve(str(tmp_path / "nowhere"), Task.SUMMARY)
    assert "No model folder" in str(info.value)
    with pytest.raises(ModelError):
        resolve("./not-here", Task.SUMMARY)


def test_unknown_alias_lists_known_names() -> None:
    with pytest.raises(ModelError) as info:
        resolve("opus-mt-en-xx", Task.TRANSLATION)
    message = str(info.value)
    assert "opus-mt-en-xx" in message
    for alias in REQUIRED:
        assert alias in message
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    ("name", "task", "does"),
    [
        ("opus-mt-en-uk", Task.SUMMARY, "translation"),
        ("distilbart-cnn-12-6", Task.TRANSLATION, "summary"),
        ("facebook/m2m100_418M", Task.SUMMARY, "translation"),
    ],
)
def test_alias_of_the_wrong_task(name: str, task: Task, does: str) -> None:
    with pytest.raises(UsageError) as info:
        resolve(name, task)
    message = str(info.value)
    assert name in message and does in message and task.value in message
    assert "models list" in message


# --------------------------------------------------------------------------- language codes


@pytest.mark.parametrize(
    ("code", "expected"),
    [("uk", "uk"), ("UK", "uk"), ("uk-UA", "uk"), ("uk_UA", "uk"), (" en ", "en"), ("EN-gb", "en"),
     ("zh-Hans", "zh"), ("de", "de")],
)
def test_check_code_normalises(code: str, expected: str) -> None:
    assert check_code(code, languages(Task.TRANSLATION)) == expected


@pytest.mark.parametrize("code", ["xx", "", "ukr", "english", "x1-UA"])
def test_check_code_unknown_lists_codes(code: str) -> None:
    with pytest.raises(UnknownLanguageError) as info:
        check_code(code, languages(Task.TRANSLATION))
    message = str(info.value)
    assert f"'{code}'" in message
    for listed in ("de", "en", "uk"):
        assert f" {listed}," in message or f" {listed}." in message
    assert info.value.exit_code == 2


def test_check_code_against_a_small_set() -> None:
    with pytest.raises(UnknownLanguageError) as info:
        check_code("de", ["uk", "en"])
    assert "en, uk" in str(info.value)
