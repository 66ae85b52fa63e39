"""The one place that writes progress and warnings to stderr.

A rich progress bar on a terminal, plain lines when stderr is a pipe or a CI
log, nothing but errors with --quiet. The library never prints; the CLI hands
this reporter what the library returned.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO


class Reporter:
    def __init__(self, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._progress: Any = None
        self._task: Any = None
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total
        if self.quiet or total < 2:
            return
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]summarize"), BarColumn(), MofNCompleteColumn(),
                TimeRemainingColumn(), TextColumn("{task.description}"),
                console=Console(file=self.stream), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("", total=total)

    def advance(self, source: str, status: str = "done") -> None:
        self.done += 1
        if self.quiet or self.total < 2:
            return
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=source)
        else:
            self._line(f"[{self.done}/{self.total}] {source}: {status}")

    def warn(self, source: str, message: str) -> None:
        if not self.quiet:
            self._line(f"warning: {source}: {message}")

    def info(self, message: str) -> None:
        if not self.quiet:
            self._line(message)

    def error(self, message: str) -> None:
        self._line(f"error: {message}")

    def _line(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(f"summarize: {text}", markup=False, highlight=False)
        else:
            print(f"summarize: {text}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
