"""Write text so that it is never seen half-written: stdout, or files written atomically.

An output file appears whole or not at all (temporary file, then rename), and a
small stamp beside it remembers which input and options produced it, so a rerun
skips what is already done and redoes what changed (destination.py decides where
each output goes; this module knows how to put one there).

A run killed outright (SIGKILL, power loss) cannot clean up after itself, so the
temporary file it was writing stays behind; its name carries the writer's process
id, and the next run into the same folder removes those whose writer is gone,
never those of a run still writing there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import TextIO

from summarize.errors import SummarizeError, UsageError
from summarize.io import storage

STAMP_DIR = ".summarize"
# .NAME.PID.RANDOM.tmp, as atomic_write names its temporary files.
_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once: setting the umask to read it is process-wide, and another thread creating
# a file in that moment (a model download, the write pool) would get mode 0666.
_UMASK = _read_umask()


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes owner-only files; an output is shared like any file the user writes.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_file(path: Path | str, text: str) -> None:
    """atomic_write for a file the user named (--out FILE, a digest): a failure is one
    sentence (SummarizeError), not an OSError traceback. The cache keeps calling
    atomic_write, whose OSError it may ignore. A URL (str) goes to object storage."""
    if isinstance(path, str):
        storage.check_writable(path)
        fs, where = storage.filesystem(path)
        try:
            storage.put(fs, where, text.encode("utf-8"))
        except Exception as exc:
            raise SummarizeError(f"Cannot write {path} ({storage.reason(exc)}).") from None
        return
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise SummarizeError(f"Cannot write {path} ({write_reason(exc, path)}).") from None


def check_file_target(path: Path | str) -> None:
    """Refuse, before any work, a file the user named (--out FILE, a digest) that cannot
    be written: it is a folder, a file stands where a folder should be, or the nearest
    existing folder is read-only. Hours of model time must not end in that sentence."""
    if isinstance(path, str):
        storage.check_writable(path)
        if storage.is_folder_url(path):
            raise UsageError(f"--out {path} is a folder; give a file name.")
        return
    if path.is_dir():
        raise UsageError(f"--out {path} is a folder; give a file name.")
    for parent in path.parents:
        if not parent.exists():
            continue
        if not parent.is_dir():
            raise UsageError(f"Cannot write {path} ({parent} is a file, not a folder).")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise UsageError(f"Cannot write {path} (permission denied in {parent}).")
        return


def write_reason(exc: OSError, path: Path) -> str:
    """Why a write failed, in words: a file in the way of a folder says which one."""
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        for parent in path.parents:
            if parent.exists() and not parent.is_dir():
                return f"{parent} is a file, not a folder"
    return (exc.strerror or str(exc)).lower()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: someone else's live process
        return True
    return True


def remove_own_temps(root: Path) -> None:
    """Delete this process's temporary files below ``root``: an interrupt that lands
    inside atomic_write before its own cleanup (within mkstemp, say) leaves none."""
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            match = _TEMP_NAME.match(name)
            if match and int(match.group(1)) == os.getpid():
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))


def remove_stale_temps(root: Path) -> int:
    """Delete temporary files below ``root`` left by writers that no longer run.

    Only names atomic_write makes are touched, and only when the process id in
    the name is gone, so a second run writing into the same folder keeps its own.
    Returns how many were removed.
    """
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            match = _TEMP_NAME.match(name)
            if match and not _alive(int(match.group(1))):
                try:
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
                except OSError:
                    pass  # gone already (another run swept it), or not ours to remove
    return removed


def write_stdout(text: str, stream: TextIO | None = None) -> None:
    """Write to stdout; a closed or failing stdout is one sentence, not a traceback.

    A pipe closed by the reader (``| head``) stays a BrokenPipeError, which the CLI
    ends quietly. Any other failure (a full disk behind ``> file``, stdout closed
    with ``>&-``) would otherwise lose output silently or crash.
    """
    stream = stream or sys.stdout
    if stream is None:
        raise SummarizeError("Standard output is closed; redirect it to a file or use --out.")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _drop_stdout(stream)
        reason = (exc.strerror or str(exc)).lower()
        raise SummarizeError(f"Cannot write to standard output ({reason}); use --out FILE.") from None


def _drop_stdout(stream: TextIO) -> None:
    """Point a failed stdout at /dev/null so the interpreter's final flush stays quiet."""
    if stream is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def mirror(relpaths: list[str], ext: str) -> dict[str, str]:
    """Every input's output name below an --out folder, fixed up front so names never collide.

    The name mirrors the input's relative path with the format's ending; two inputs
    that would meet (a.txt and a.html) keep their own ending too. Path parts such
    as ``..`` are dropped, so nothing lands outside the folder.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for relpath in relpaths:
        parts = [p for p in PurePosixPath(relpath).parts if p not in ("", ".", "..", "/")]
        rel = PurePosixPath(*parts) if parts else PurePosixPath("stdin")
        plain = rel.with_suffix(ext) if rel.suffix else PurePosixPath(str(rel) + ext)
        candidate = plain
        n = 1
        while str(candidate) in taken:
            fallback = PurePosixPath(str(rel) + ext)
            candidate = fallback if n == 1 else PurePosixPath(f"{rel}.{n}{ext}")
            n += 1
        taken.add(str(candidate))
        names[relpath] = candidate.as_posix()
    return names


def stamp_name(output_rel: str) -> str:
    """The stamp's name below ``STAMP_DIR`` for an output at ``output_rel``."""
    return hashlib.sha1(output_rel.encode()).hexdigest() + ".stamp"


def stamp_value(digest: str, options_key: str) -> str:
    """What a stamp holds: the input's content hash with the options that made the output."""
    return hashlib.sha256(f"{digest}|{options_key}".encode()).hexdigest()
