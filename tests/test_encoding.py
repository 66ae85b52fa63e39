"""Legacy encodings: a newsroom archive's cp1252, cp1251, KOI8-U and Latin-1 files are
read (with one warning naming the encoding), binary is still refused, and
``--encoding utf-8`` keeps the strict behaviour."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from summarize.errors import InputError
from summarize.io.read import Source, read_document

# Our own sentences, long enough to read like wire copy.
ENGLISH = (
    "City council approves the river bridge\n\n"
    "\u201cWe will rebuild the bridge before winter comes,\u201d said Mayor Ann Lee on Tuesday, "
    "after the council approved the budget for the coming year.\n\n"
    "Opponents said the cost would strain the city\u2019s finances for a decade."
)
UKRAINIAN_GUILLEMETS = (
    "Рада ухвалила будівництво мосту\n\n"
    "\u00abМи відбудуємо міст до зими\u00bb, \u2014 сказала мер Ганна Лі у вівторок після того, "
    "як міська рада затвердила бюджет на наступний рік.\n\n"
    "Противники кажуть, що ціна ляже важким тягарем на міські фінанси."
)
# KOI8-U has no guillemets or curly quotes (its upper half is Cyrillic and box
# drawing): archives in it used straight quotes.
UKRAINIAN_STRAIGHT = UKRAINIAN_GUILLEMETS.replace("\u00ab", '"').replace("\u00bb", '"').replace("\u2014", "-")
FRENCH = (
    "Le conseil approuve le pont\n\n"
    "\u00ab Nous reconstruirons le pont avant l'hiver \u00bb, a déclaré mardi la maire Anne Lee, "
    "après le vote du budget de l'année prochaine.\n\n"
    "Les opposants estiment que le coût pèsera sur les finances de la ville."
)

LEGACY = [
    pytest.param(ENGLISH, "cp1252", id="cp1252-curly-quotes"),
    pytest.param(UKRAINIAN_GUILLEMETS, "cp1251", id="cp1251-ukrainian"),
    pytest.param(UKRAINIAN_STRAIGHT, "koi8_u", id="koi8u-ukrainian"),
    pytest.param(FRENCH, "latin-1", id="latin1-french"),
]


def _read(path: Path, encoding: str = "auto"):
    return read_document(Source(display=str(path), relpath=path.name, path=path), encoding=encoding)


@pytest.mark.parametrize(("text", "codec"), LEGACY)
def test_legacy_file_is_decoded_and_names_its_encoding(tmp_path: Path, text: str, codec: str) -> None:
    path = tmp_path / "wire.txt"
    path.write_bytes(text.encode(codec))
    doc = _read(path)
    assert doc.text == text
    # The encoding named decodes the bytes to the same text (cp1252 and cp1250 agree
    # on these bytes, for one): the name told to the user is one that works.
    assert doc.encoding is not None
    assert path.read_bytes().decode(doc.encoding) == text


def test_utf8_file_names_no_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(UKRAINIAN_GUILLEMETS, "utf-8")
    assert _read(path).encoding is None


@pytest.mark.parametrize(("text", "codec"), LEGACY)
def test_strict_utf8_refuses_legacy_file(tmp_path: Path, text: str, codec: str) -> None:
    path = tmp_path / "wire.txt"
    path.write_bytes(text.encode(codec))
    with pytest.raises(InputError) as info:
        _read(path, encoding="utf-8")
    assert "not UTF-8" in info.value.reason


def test_named_encoding_is_used_as_given(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_bytes(UKRAINIAN_STRAIGHT.encode("koi8_u"))
    assert _read(path, encoding="koi8-u").text == UKRAINIAN_STRAIGHT


def test_named_encoding_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)  # bytes cp1252 leaves undefined
    with pytest.raises(InputError) as info:
        _read(path, encoding="cp1252")
    assert "cp1252" in info.value.reason


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 8, b"caf\xe9", b"\xde\xad\xbe\xef\xfe\xed" * 40],
    ids=["all-bytes", "one-word", "noise"],
)
def test_unsure_detection_is_refused_as_not_utf8(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        _read(path)
    assert "binary" in info.value.reason or "not UTF-8" in info.value.reason


def test_cli_reads_cp1251_with_one_warning_and_offsets_into_decoded_text(cli_env, tmp_path):
    path = tmp_path / "kyiv.txt"
    path.write_bytes(UKRAINIAN_GUILLEMETS.encode("cp1251"))
    result = run_cli(["quotes", str(path), "--format", "json"], cli_env)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["quotes"], record
    for quote in record["quotes"]:
        assert UKRAINIAN_GUILLEMETS[quote["start"]:quote["end"]] == quote["text"]
    warnings = [line for line in result.stderr.splitlines() if "kyiv.txt" in line]
    assert len(warnings) == 1 and "cp1251" in warnings[0], result.stderr


def test_cli_strict_encoding_refuses_and_binary_stays_refused(cli_env, tmp_path):
    path = tmp_path / "paris.txt"
    path.write_bytes(FRENCH.encode("latin-1"))
    strict = run_cli(["quotes", str(path), "--encoding", "utf-8"], cli_env)
    assert strict.returncode == 2 and "not UTF-8" in strict.stderr
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    refused = run_cli(["quotes", str(binary)], cli_env)
    assert refused.returncode == 2 and "binary" in refused.stderr


def test_cli_unknown_encoding_name_is_a_usage_error(cli_env, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, "utf-8")
    result = run_cli(["quotes", str(path), "--encoding", "no-such-codec"], cli_env)
    assert result.returncode == 2 and "no-such-codec" in result.stderr


def test_a_named_encoding_is_part_of_the_output_stamp() -> None:
    """Reading the same bytes as cp1251 or as KOI8-U gives other text: a rerun with another
    --encoding must not count the earlier output as up to date."""
    from summarize.options import RunOptions

    assert RunOptions(encoding="cp1251").cache_key() != RunOptions(encoding="koi8-u").cache_key()
    assert RunOptions(encoding="auto").cache_key() == RunOptions(encoding="utf-8").cache_key()
