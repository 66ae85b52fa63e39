"""Command-line values checked before any work starts, each into the form RunOptions takes.

A bad language code, codec name or choice is a usage error (exit 2) before a model loads or
an input is read. The checks need the library (the languages the catalog serves, the codec
registry, storage URLs), so they live here and the CLI only parses and delegates; each
imports what it needs when called, so `summarize --help` stays instant.
"""

from __future__ import annotations

from pathlib import Path


def out_target(value: str | None) -> Path | str | None:
    """--out as a local Path, or a URL (object storage) kept as typed."""
    from summarize.io.storage import location

    return None if value is None else location(value)


def names_folder(value: str | None) -> bool:
    """A trailing slash means a folder, for local paths and URLs alike."""
    return value is not None and value.endswith(("/", "\\"))


def language_code(code: str | None) -> str | None:
    if code is None:
        return None
    from summarize.run import pipeline
    from summarize.stages import language

    return language.check_code(code, pipeline.supported_languages())


def source_language(code: str) -> str:
    """--from: 'auto', or a code checked like --to."""
    return "auto" if code == "auto" else str(language_code(code))


def fabricated(value: str) -> str:
    from summarize.errors import UsageError

    if value not in ("unquote", "drop"):
        raise UsageError(f"--fabricated takes unquote or drop, not {value!r}.")
    return value


def encoding(value: str) -> str:
    from summarize.io.encoding import canonical

    if value != "auto":
        canonical(value)  # an unknown name is a usage error before any work
    return value


def sort_order(value: str) -> str:
    from summarize.errors import UsageError

    if value not in ("path", "date"):
        raise UsageError(f"--sort takes path or date, not {value!r}.")
    return value
