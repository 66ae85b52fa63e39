"""summarize: news summaries and translations that keep every attributed quote verbatim.

The public API mirrors the commands: each returns the same Record the CLI renders.
"""

from __future__ import annotations

from typing import Any

from summarize.document import Document
from summarize.options import Length, QuoteMarks, QuoteMode, RunOptions, Task
from summarize.quotes.detect import Quote, QuoteScan, find_quotes
from summarize.record import QuoteRecord, Record
from summarize.run.check import CheckedQuote, CheckReport, check_draft

__all__ = [
    "CheckReport", "CheckedQuote", "Document", "Length", "Quote", "QuoteMarks", "QuoteMode",
    "QuoteRecord", "QuoteScan", "Record", "RunOptions", "Task", "check_draft", "find_quotes",
    "summarize_text", "translate_text",
]


def _document(text: str, source: str) -> Document:
    return Document(text=text.replace("\r\n", "\n"), source=source, relpath=source)


def summarize_text(
    text: str, *, to: str | None = None, source: str = "-", engine: Any = None, **options: Any
) -> Record:
    """Summarize one article (and translate the summary with ``to``)."""
    from summarize.run.pipeline import run

    return run(_document(text, source), RunOptions(task=Task.SUMMARY, to_lang=to, **options), engine)


def translate_text(
    text: str, *, to: str, source: str = "-", engine: Any = None, **options: Any
) -> Record:
    """Translate one article sentence by sentence; quotes stay verbatim by default."""
    from summarize.run.pipeline import run

    return run(
        _document(text, source), RunOptions(task=Task.TRANSLATION, to_lang=to, **options), engine
    )
