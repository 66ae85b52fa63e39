"""Inputs and --out on object storage: any URL fsspec understands (s3://, gs://, az://…).

A cluster run reads an archive from a bucket and writes its outputs back there,
so the driver has to list, read and write URLs as it does local paths. This
module is the one place that speaks fsspec: listing and reading for the read
stage, ``put`` for the write stage (whose --out folder on a URL is
``destination.RemoteOutputFolder``). A local path (and ``file://``) never comes here:
the local code keeps its atomic renames, link checks and permission sentences.

Guarantees on a URL, and why they hold:

* An output appears whole or not at all. Object stores (S3, GCS, Azure, …)
  publish an object only when its upload completes, so a direct put is atomic;
  other file systems (SFTP, SMB, …) get a temporary name, then a move.
* Resume works as it does locally: a stamp object under ``.summarize/`` beside
  the outputs, written after its output, names the input's content hash and
  the options.
* A missing driver package (s3fs, gcsfs, adlfs), missing credentials or a
  bucket that refuses a write is one sentence before any model is loaded.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from summarize.errors import UsageError, first_line

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
# Stores that publish an object only once its upload is complete: a put is atomic.
_ATOMIC_PUT = {"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "oss", "memory", "hf"}
# The package each common protocol needs, for the install hint.
_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs",
             "abfs": "adlfs", "abfss": "adlfs", "adl": "adlfs", "sftp": "paramiko",
             "ssh": "paramiko", "oss": "ossfs", "webdav": "webdav4", "http": "summarize[web]",
             "https": "summarize[web]"}
# Reads of many small objects wait on the network, not the CPU: a pool hides latency.
READ_THREADS = 16
WRITE_THREADS = 16

Location = Path | str  # a local path, or a URL kept as the user wrote it


def is_url(value: str | os.PathLike[str]) -> bool:
    """True for ``scheme://…`` other than ``file://``; a Windows drive (``C:\\``) is a path."""
    match = _SCHEME.match(str(value))
    return bool(match) and match.group(1).lower() != "file"


def location(value: str) -> Location:
    """What the user typed, as a local Path or a URL string; ``file://`` is a local path.

    ``file://host/path`` names a file on another machine: dropping the host would read
    or write ``/path`` here instead, so it is refused.
    """
    if _SCHEME.match(value) and value.lower().startswith("file://"):
        parsed = urlparse(value)
        if parsed.hostname not in (None, "", "localhost"):
            raise UsageError(
                f"{value} names a file on the machine {parsed.hostname}; only this machine's "
                "files can be used, so mount the share and give its local path."
            )
        return Path(unquote(parsed.path) or "/")
    return value if is_url(value) else Path(value)


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec file system and the path inside it, with a sentence for what is missing."""
    import fsspec  # a dependency of huggingface_hub as well; imported only for URLs

    scheme = url.split("://", 1)[0].lower()
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as exc:
        package = _PACKAGES.get(scheme)
        if package is None:
            raise UsageError(f"{scheme}:// paths need a package that is missing: {first_line(exc)}") from None
        quoted = f"'{package}'" if "[" in package else package
        raise UsageError(f"{scheme}:// paths need {package}: pip install {quoted}.") from None
    except ValueError as exc:
        if "protocol" in str(exc).lower():
            raise UsageError(
                f"Unknown storage protocol {scheme}://; use a local path or a URL fsspec knows "
                "(s3://, gs://, az://, …)."
            ) from None
        raise UsageError(f"{url}: {first_line(exc)}.") from None


def reason(exc: BaseException) -> str:
    """Why a storage call failed, in words a user can act on."""
    name = type(exc).__name__
    if isinstance(exc, PermissionError) or "AccessDenied" in str(exc):
        return "access denied; check the credentials and the bucket's permissions"
    if "Credentials" in name or "credential" in str(exc).lower():
        return "no credentials were found; set them the way the store's client reads them, e.g. AWS_PROFILE for s3://"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    status = getattr(exc, "status", None)  # an HTTP client's error (aiohttp, gcsfs, adlfs)
    if status in (401, 403):
        return "access denied; check the credentials and the permissions"
    if status == 404:
        return "no such file or folder"
    if isinstance(exc, NotImplementedError):
        return "this kind of storage cannot be written to"
    return first_line(exc)


def url_of(fs: Any, path: str) -> str:
    return str(fs.unstrip_protocol(path))


def _atomicput(fs: Any) -> bool:
    protocols = fs.protocol if isinstance(fs.protocol, (tuple, list)) else (fs.protocol,)
    return any(p in _ATOMIC_PUT for p in protocols)


@dataclass(frozen=True)
class Listed:
    """One object found under an input URL: where it is, what an output mirrors, its size."""

    url: str
    relpath: str
    size: int | None


def expand_url(arg: str, suffixes: set[str]) -> tuple[list[Listed], str | None]:
    """The objects an input URL names (one object, a folder's tree, or a glob), in path
    order, and the reason when it names nothing. Hidden names are skipped in folders,
    as locally."""
    fs, path = filesystem(arg)
    try:
        if glob.has_magic(path):
            root = _glob_root(path)
            found = fs.glob(path, detail=True)
            # Hidden names are skipped as the shell's glob skips them (and .summarize
            # stamps beside outputs never become inputs).
            files = {p: info for p, info in found.items() if info.get("type") == "file"
                     and not any(part.startswith(".") for part in p[len(root):].split("/"))}
            if not files:
                return [], "the pattern matched no files"
            return [_listed(fs, p, root, info) for p, info in sorted(files.items())], None
        try:
            info = fs.info(path)
        except FileNotFoundError:
            return [], "no such file or folder"
        if info.get("type") != "directory":
            return [Listed(arg, PurePosixPath(path).name, info.get("size"))], None
        found = fs.find(path, detail=True)
    except UsageError:
        raise
    except Exception as exc:  # credentials, permissions, network: the input fails, others go on
        return [], f"cannot be listed ({reason(exc)})"
    root = path.rstrip("/")
    keep = []
    for p, info in found.items():
        rel = PurePosixPath(p[len(root):].lstrip("/"))
        if info.get("type") != "file" or any(part.startswith(".") for part in rel.parts):
            continue
        if rel.suffix.lower() in suffixes:
            keep.append(_listed(fs, p, root, info))
    if not keep:
        return [], "the folder holds no .txt, .md or .html files"
    return sorted(keep, key=lambda item: item.relpath), None


def _glob_root(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if glob.has_magic(part):
            break
        parts.append(part)
    return "/".join(parts)


def _listed(fs: Any, path: str, root: str, info: dict[str, Any]) -> Listed:
    rel = path[len(root):].lstrip("/") if root and path.startswith(root) else PurePosixPath(path).name
    return Listed(url_of(fs, path), rel, info.get("size"))


def read_url(url: str, size: int | None, limit: int | None,
             read_capped: Callable[[Any, int | None], bytes], too_large: Callable[[int], Exception]) -> bytes:
    """An object's bytes: refused before the download when its listed size is over
    ``limit``, and read through ``read_capped`` so that an object of unknown size (a web
    page sent without a length) never takes more than ``limit`` bytes either."""
    fs, path = filesystem(url)
    if size is None:
        size = fs.info(path).get("size")
    if limit is not None and size is not None and size > limit:
        raise too_large(size)
    with fs.open(path, "rb") as handle:
        return read_capped(handle, limit)


def is_folder_url(url: str) -> bool:
    """--out names a folder when it ends in ``/`` or an existing folder is there."""
    return url.endswith("/") or _holds(url, "isdir")


def is_file_url(url: str) -> bool:
    return _holds(url, "isfile")


def _holds(url: str, question: str) -> bool:
    """The store's answer to ``isdir`` or ``isfile``; one it cannot give (no access, no
    network) is no."""
    fs, path = filesystem(url)
    try:
        return bool(getattr(fs, question)(path))
    except Exception:
        return False


def check_writable(url: str) -> None:
    """Refuse, before any work, an --out that can only be read."""
    if url.lower().startswith(("http://", "https://")):
        raise UsageError(
            f"--out {url}: web addresses can be read, not written; give a local folder or a "
            "bucket (s3://, gs://, az://)."
        )


def put(fs: Any, path: str, data: bytes) -> None:
    parent = path.rsplit("/", 1)[0] if "/" in path else ""
    if parent and not _atomicput(fs):
        fs.makedirs(parent, exist_ok=True)
    if _atomicput(fs):
        fs.pipe_file(path, data)
        return
    tmp = f"{parent}/.{PurePosixPath(path).name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        fs.pipe_file(tmp, data)
        fs.mv(tmp, path)
    except BaseException:
        with contextlib.suppress(Exception):
            fs.rm(tmp)
        raise
