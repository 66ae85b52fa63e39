"""Put results where they belong: stdout, or files written atomically.

An output file appears whole or not at all (temporary file, then rename), and a
small stamp beside it remembers which input and options produced it, so a rerun
skips what is already done and redoes what changed.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import TextIO

from .errors import UsageError
from .render import EXTENSIONS

STAMP_DIR = ".summarize"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_stdout(text: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    stream.write(text)
    stream.flush()


class OutputFolder:
    """An --out folder that mirrors the inputs' relative paths."""

    def __init__(self, root: Path, fmt: str, options_key: str) -> None:
        if root.exists() and not root.is_dir():
            raise UsageError(f"--out {root} is a file; give a folder for several inputs.")
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"Cannot create the output folder {root} ({exc.strerror}).") from None
        if not os.access(root, os.W_OK):
            raise UsageError(f"The output folder {root} is not writable.")
        self.root = root
        self.ext = EXTENSIONS[fmt]
        self.options_key = options_key
        self._paths: dict[str, Path] = {}

    def assign(self, relpaths: list[str]) -> None:
        """Fix every input's output path up front, so that names never collide.

        The path mirrors the input's relative path with the format's ending; two
        inputs that would meet (a.txt and a.html) keep their own ending too. Path
        parts such as ``..`` are dropped, so nothing lands outside the folder.
        """
        self._paths = {}
        taken: set[str] = set()
        for relpath in relpaths:
            parts = [p for p in PurePosixPath(relpath).parts if p not in ("", ".", "..", "/")]
            rel = PurePosixPath(*parts) if parts else PurePosixPath("stdin")
            plain = rel.with_suffix(self.ext) if rel.suffix else PurePosixPath(str(rel) + self.ext)
            candidate = plain if str(plain) not in taken else PurePosixPath(str(rel) + self.ext)
            taken.add(str(candidate))
            self._paths[relpath] = self.root / candidate

    def path_for(self, relpath: str) -> Path:
        return self._paths[relpath]

    def _stamp_path(self, output: Path) -> Path:
        rel = output.relative_to(self.root).as_posix()
        return self.root / STAMP_DIR / (hashlib.sha1(rel.encode()).hexdigest() + ".stamp")

    def stamp(self, digest: str) -> str:
        return hashlib.sha256(f"{digest}|{self.options_key}".encode()).hexdigest()

    def is_done(self, output: Path, digest: str) -> bool:
        stamp = self._stamp_path(output)
        try:
            return output.is_file() and stamp.read_text().strip() == self.stamp(digest)
        except OSError:
            return False

    def write(self, output: Path, text: str, digest: str) -> None:
        atomic_write(output, text)
        atomic_write(self._stamp_path(output), self.stamp(digest) + "\n")
