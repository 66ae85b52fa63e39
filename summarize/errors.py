"""Typed errors whose message says what to do.

Only the CLI turns them into a sentence on stderr and an exit code; the library
raises them and never prints.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PARTIAL = 1  # some inputs failed, the others were written
EXIT_USAGE = 2  # a usage error, or no usable input at all


class SummarizeError(Exception):
    """Base class: the message is one sentence a user can act on."""

    exit_code = EXIT_USAGE


class UsageError(SummarizeError):
    """Options that cannot work together, or a value out of range."""


class InputError(SummarizeError):
    """One input could not be read or used; other inputs may still succeed."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NoInputError(SummarizeError):
    """Nothing usable to work on at all."""


class UnknownLanguageError(SummarizeError):
    """A language code no model in the catalog (or ISO 639-1) knows."""


class ModelError(SummarizeError):
    """A model that cannot be found, fetched, trusted or loaded."""


class NoModelForLanguage(ModelError):
    """No model here serves this language (pair): with languages identified per article,
    it concerns that article only."""


class DeviceError(SummarizeError):
    """A device that was asked for but is not there."""


def first_line(exc: BaseException) -> str:
    """An exception's message in one line (its type's name when it has none)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
