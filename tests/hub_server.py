"""A tiny local stand-in for the Hugging Face Hub, for tests without network access.

``serve_hub({"org/name": folder, ...})`` starts a stdlib ``ThreadingHTTPServer`` on 127.0.0.1 (a
free port) in a background thread and yields its URL. Point the client at it with
``HF_ENDPOINT=<url>`` and an empty ``HF_HOME``; then ``huggingface_hub.snapshot_download`` and
transformers' ``from_pretrained("org/name")`` download the folder's files into the cache exactly
as they would from the real hub.

It answers what huggingface_hub 2.4 and transformers 5 ask for (read from their sources):

    GET  /api/models/{repo}                       model info: sha, siblings, ...
    GET  /api/models/{repo}/revision/{rev}        same, at a revision (snapshot_download, repo_info)
    GET  /api/models/{repo}/tree/{rev}[/{path}]   file listing, ?recursive= (snapshot_download,
                                                  list_repo_files, transformers' template and
                                                  .model look-ups)
    HEAD /{repo}/resolve/{rev}/{filename}         metadata: X-Repo-Commit, ETag, Content-Length
    GET  /{repo}/resolve/{rev}/{filename}         the file (Range requests honoured)
    GET  /api/agent-harnesses                     an empty registry (huggingface_hub's User-Agent
                                                  agent detection; once per fresh HF_HOME)

and errors the way the hub does, through the ``X-Error-Code`` header that huggingface_hub maps to
exceptions: an unknown repo is 404 ``RepoNotFound`` (RepositoryNotFoundError), an unknown
revision 404 ``RevisionNotFound`` (RevisionNotFoundError), a missing file or folder 404
``EntryNotFound`` (RemoteEntryNotFoundError; the X-Repo-Commit header lets the client cache the
file's absence). Anything else is a plain 404 and is recorded in ``hub.unhandled``.

Revisions: every repo has the one commit ``commit`` (40 hex digits), reachable as ``main`` or as
the commit hash itself. Files are served with no redirect; "LFS" files (weights, sentencepiece
models) carry their sha256 as ETag and an ``lfs`` entry in the tree, other files their git blob
sha1, like the hub.

Every request is recorded (``hub.requests``), so a test can assert that an offline run made none.

Pitfall: huggingface_hub reads HF_ENDPOINT, HF_HOME / HF_HUB_CACHE and HF_HUB_OFFLINE once, when
it is first imported (``huggingface_hub.constants``), and transformers reads them through it.
Setting ``os.environ`` afterwards in the test process changes nothing. Either pass
``endpoint=hub`` and ``cache_dir=...`` explicitly (snapshot_download / hf_hub_download take both),
or run the code under test in a subprocess whose ``env`` holds HF_ENDPOINT, HF_HOME and
HF_HUB_OFFLINE (the end-to-end way: ``subprocess.run(["summarize", ...], env=hub_env(...))``),
or, in-process, wrap the code in ``use_hub(hub, hf_home)``, which patches the few constants the
clients read at call time (quick, but it is not how a user's process sees the variables).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

__all__ = ["FakeHub", "HubRequest", "hub_env", "serve_hub", "use_hub"]

DEFAULT_COMMIT = "0" * 40
_LFS_SUFFIXES = {
    ".safetensors",
    ".bin",
    ".pt",
    ".pth",
    ".h5",
    ".msgpack",
    ".onnx",
    ".model",
    ".spm",
    ".npz",
}
_LFS_MIN_SIZE = 10 * 1024 * 1024


@dataclass(frozen=True)
class HubRequest:
    method: str
    path: str  # path and query, as sent
    status: int


class FakeHub(str):
    """The endpoint URL (a ``str``, so it drops into ``env["HF_ENDPOINT"]``), plus bookkeeping.

    ``requests``: every request served so far, in order; ``unhandled``: those that matched no
    endpoint (a sign the client asks for something this stand-in does not know);
    ``reset()`` forgets both.
    """

    requests: list[HubRequest]
    unhandled: list[HubRequest]

    def __new__(cls, url: str) -> FakeHub:
        obj = super().__new__(cls, url)
        obj.requests = []
        obj.unhandled = []
        obj._lock = threading.Lock()
        return obj

    @property
    def url(self) -> str:
        return str(self)

    @property
    def count(self) -> int:
        return len(self.requests)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.unhandled.clear()

    def _record(self, request: HubRequest, handled: bool) -> None:
        with self._lock:
            self.requests.append(request)
            if not handled:
                self.unhandled.append(request)


class _Repo:
    def __init__(self, repo_id: str, folder: Path, commit: str) -> None:
        self.repo_id = repo_id
        self.folder = Path(folder)
        self.commit = commit
        self._hashes: dict[tuple[str, int, int], tuple[str, str]] = {}
        if not self.folder.is_dir():
            raise FileNotFoundError(f"hub repo {repo_id!r}: {self.folder} is not a folder")

    def files(self) -> list[str]:
        """Repo paths of every file, '/'-separated, hidden folders (.cache, .git) left out."""
        out = []
        for p in sorted(self.folder.rglob("*")):
            rel = p.relative_to(self.folder)
            if p.is_file() and not any(
                part.startswith(".") and part != ".gitattributes" for part in rel.parts
            ):
                out.append(rel.as_posix())
        return out

    def path(self, filename: str) -> Path | None:
        if filename not in self.files():  # also refuses '..' and absolute paths
            return None
        return self.folder / filename

    def is_lfs(self, p: Path) -> bool:
        return p.suffix in _LFS_SUFFIXES or p.stat().st_size >= _LFS_MIN_SIZE

    def hashes(self, p: Path) -> tuple[str, str]:
        """(git blob sha1, sha256) of a file, cached on (path, size, mtime)."""
        st = p.stat()
        key = (str(p), st.st_size, st.st_mtime_ns)
        if key not in self._hashes:
            data = p.read_bytes()
            sha1 = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
            self._hashes[key] = (sha1, hashlib.sha256(data).hexdigest())
        return self._hashes[key]

    def etag(self, p: Path) -> str:
        sha1, sha256 = self.hashes(p)
        return sha256 if self.is_lfs(p) else sha1

    def tree_entry(self, filename: str) -> dict:
        p = self.folder / filename
        sha1, sha256 = self.hashes(p)
        size = p.stat().st_size
        entry: dict = {"type": "file", "oid": sha1, "size": size, "path": filename}
        if self.is_lfs(p):
            entry["lfs"] = {"oid": sha256, "size": size, "pointerSize": 134}
        return entry

    def info(self) -> dict:
        config = None
        cfg = self.folder / "config.json"
        if cfg.is_file():
            with contextlib.suppress(ValueError):
                config = json.loads(cfg.read_text(encoding="utf-8"))
        author = self.repo_id.split("/")[0] if "/" in self.repo_id else None
        return {
            "_id": hashlib.md5(self.repo_id.encode()).hexdigest()[:24],
            "id": self.repo_id,
            "modelId": self.repo_id,
            "author": author,
            "sha": self.commit,
            "lastModified": "2024-01-01T00:00:00.000Z",
            "createdAt": "2024-01-01T00:00:00.000Z",
            "private": False,
            "gated": False,
            "disabled": False,
            "downloads": 0,
            "likes": 0,
            "library_name": "transformers",
            "tags": ["transformers", "safetensors"]
            + ([config["model_type"]] if config and "model_type" in config else []),
            "config": {k: config[k] for k in ("architectures", "model_type") if k in config}
            if config
            else None,
            "siblings": [{"rfilename": f} for f in self.files()],
            "spaces": [],
        }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the client expects; every answer has a length
    server: _Server

    def log_message(self, format: str, *args) -> None:
        pass  # quiet: the test output is not the place for an access log

    # -- plumbing ----------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_POST(self) -> None:
        # e.g. /api/models/{repo}/paths-info/{rev}: not served; drain the body so keep-alive works.
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._dispatch(head=False)

    def _dispatch(self, head: bool) -> None:
        self._status = 0
        handled = True
        try:
            handled = self._route(head)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:  # a bug here must show up as a server error, not a hang
            self._send_json(500, {"error": f"fake hub: {type(exc).__name__}: {exc}"}, head)
        self.server.hub._record(HubRequest(self.command, self.path, self._status), handled)

    def _send(self, status: int, body: bytes, headers: Mapping[str, str], head: bool) -> None:
        self._status = status
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _send_json(
        self, status: int, obj, head: bool, headers: Mapping[str, str] | None = None
    ) -> None:
        body = json.dumps(obj).encode()
        self._send(
            status,
            body,
            {"Content-Type": "application/json; charset=utf-8", **(headers or {})},
            head,
        )

    def _error(self, code: str | None, message: str, head: bool, commit: str | None = None) -> None:
        headers = {"X-Error-Message": message}
        if code:
            headers["X-Error-Code"] = code
        if commit:
            headers["X-Repo-Commit"] = commit
        self._send_json(404, {"error": message}, head, headers)

    # -- routing -----------------------------------------------------------------------------

    def _route(self, head: bool) -> bool:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        segments = [unquote(s) for s in url.path.split("/")[1:]]

        if segments[:2] == ["api", "models"] and len(segments) >= 3:
            repo, rest = self._split_repo(segments[2:], {"revision", "tree"})
            if repo is None:
                return self._repo_not_found(segments[2:], head)
            if not rest:  # /api/models/{repo}
                self._send_json(200, repo.info(), head)
                return True
            if rest[0] == "revision" and len(rest) == 2:
                if not self._known_revision(repo, rest[1], head):
                    return True
                self._send_json(200, repo.info(), head)
                return True
            if rest[0] == "tree" and len(rest) >= 2:
                if not self._known_revision(repo, rest[1], head):
                    return True
                self._tree(repo, "/".join(rest[2:]), _truthy(query.get("recursive")), head)
                return True
            self._error(None, f"fake hub: no endpoint {url.path}", head)
            return False

        if segments == ["api", "agent-harnesses"]:
            # Fetched once a day by huggingface_hub for its User-Agent (cached in HF_HOME): answer
            # with the empty registry so a fresh HF_HOME costs one cheap request, not a warning.
            self._send_json(200, {"standardEnvVars": [], "harnesses": {}}, head)
            return True

        if segments and segments[0] in ("api", "datasets", "spaces"):
            self._error(None, f"fake hub: no endpoint {url.path}", head)
            return False

        # /{repo}/resolve/{rev}/{filename}
        repo, rest = self._split_repo(segments, {"resolve"})
        if repo is None:
            if "resolve" in segments:
                return self._repo_not_found(segments, head)
            self._error(None, f"fake hub: no endpoint {url.path}", head)
            return False
        if len(rest) >= 3 and rest[0] == "resolve":
            if self._known_revision(repo, rest[1], head):
                self._resolve(repo, "/".join(rest[2:]), head)
            return True
        self._error(None, f"fake hub: no endpoint {url.path}", head)
        return False

    def _split_repo(self, segments: list[str], markers: set[str]) -> tuple[_Repo | None, list[str]]:
        """Find the repo id at the start of ``segments`` (it may hold one '/' or none)."""
        repos = self.server.repos
        for n in (2, 1):
            if len(segments) >= n and "/".join(segments[:n]) in repos:
                rest = segments[n:]
                if not rest or rest[0] in markers:
                    return repos["/".join(segments[:n])], rest
        return None, segments

    def _repo_not_found(self, segments: list[str], head: bool) -> bool:
        # The hub answers 401 to anonymous clients and 404 to signed-in ones, both with
        # X-Error-Code: RepoNotFound; huggingface_hub raises RepositoryNotFoundError for either.
        name = "/".join(segments[:2])
        self._error(
            "RepoNotFound",
            f"Repository not found: {name}. (fake hub serves: {', '.join(sorted(self.server.repos)) or 'nothing'})",
            head,
        )
        return True

    def _known_revision(self, repo: _Repo, revision: str, head: bool) -> bool:
        if revision in ("main", repo.commit):
            return True
        self._error("RevisionNotFound", f"Invalid rev id: {revision}", head)
        return False

    def _tree(self, repo: _Repo, path: str, recursive: bool, head: bool) -> None:
        path = path.strip("/")
        files = repo.files()
        prefix = f"{path}/" if path else ""
        if path and not any(f.startswith(prefix) for f in files):
            self._error(
                "EntryNotFound", f'{path} does not exist on "{repo.commit}"', head, repo.commit
            )
            return
        entries: list[dict] = []
        folders: set[str] = set()
        for f in files:
            if not f.startswith(prefix):
                continue
            rel = f[len(prefix) :]
            parts = rel.split("/")
            # Folders are listed in both modes; in a non-recursive listing, only direct children.
            for i in range(1, len(parts)):
                folder = prefix + "/".join(parts[:i])
                if folder not in folders and (recursive or i == 1):
                    folders.add(folder)
                    oid = hashlib.sha1(folder.encode()).hexdigest()
                    entries.append({"type": "directory", "oid": oid, "size": 0, "path": folder})
            if recursive or len(parts) == 1:
                entries.append(repo.tree_entry(f))
        self._send_json(200, entries, head)

    def _resolve(self, repo: _Repo, filename: str, head: bool) -> None:
        p = repo.path(filename)
        if p is None:
            self._error("EntryNotFound", f"Entry not found: {filename}", head, repo.commit)
            return
        data = p.read_bytes()
        etag = repo.etag(p)
        headers = {
            "Content-Type": "application/octet-stream",
            "ETag": f'"{etag}"',
            "X-Repo-Commit": repo.commit,
            "Accept-Ranges": "bytes",
        }
        if repo.is_lfs(p):
            # The hub sends these on its redirect to the CDN; harmless and informative here.
            headers["X-Linked-Etag"] = f'"{etag}"'
            headers["X-Linked-Size"] = str(len(data))
        status = 200
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=") and not head:
            start_s, _, end_s = rng[len("bytes=") :].partition("-")
            if start_s.isdigit():
                start = int(start_s)
                end = int(end_s) if end_s.isdigit() else len(data) - 1
                headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
                data = data[start : end + 1]
                status = 206
        self._send(status, data, headers, head)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, repos: dict[str, _Repo], hub_factory) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.repos = repos
        self.hub: FakeHub = hub_factory(f"http://127.0.0.1:{self.server_address[1]}")


def _truthy(values: list[str] | None) -> bool:
    return bool(values) and values[-1].lower() in ("1", "true", "yes")


@contextlib.contextmanager
def serve_hub(
    repos: Mapping[str, Path | str | tuple[Path | str, str]], commit: str = DEFAULT_COMMIT
) -> Iterator[FakeHub]:
    """Serve ``{repo_id: folder}`` as hub model repos at ``commit``; yield the endpoint URL.

    A value may also be ``(folder, commit)`` to give that repo a commit of its own (e.g. the
    revision a catalog pins). Each repo answers to ``main`` and to its commit hash.

    The yielded value is a ``str`` (``http://127.0.0.1:PORT``) with ``.requests``, ``.unhandled``,
    ``.count`` and ``.reset()``. Folders are read at request time, so their files can change while
    the server runs (the hashes follow).
    """
    served = {}
    for repo_id, value in repos.items():
        folder, sha = value if isinstance(value, tuple) else (value, commit)
        if len(sha) != 40 or any(c not in "0123456789abcdef" for c in sha):
            raise ValueError(f"commit of {repo_id!r} must be 40 lowercase hex digits, got {sha!r}")
        served[repo_id] = _Repo(repo_id, Path(folder), sha)
    server = _Server(served, FakeHub)
    thread = threading.Thread(target=server.serve_forever, name="fake-hub", daemon=True)
    thread.start()
    try:
        yield server.hub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def hub_env(
    endpoint: str,
    hf_home: Path | str,
    *,
    offline: bool = False,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """An environment for a subprocess that should see ``endpoint`` as the hub and ``hf_home``
    as its cache (created if missing); ``offline=True`` sets HF_HUB_OFFLINE=1.

    Starts from ``base`` (default: ``os.environ``) minus anything that would send the client
    elsewhere or change the cache layout (HF_HUB_CACHE, TRANSFORMERS_CACHE, HF_TOKEN, proxies for
    127.0.0.1, ...).
    """
    import os

    env = dict(os.environ if base is None else base)
    for key in (
        "HF_HUB_CACHE",
        "HUGGINGFACE_HUB_CACHE",
        "TRANSFORMERS_CACHE",
        "HF_HUB_OFFLINE",
        "TRANSFORMERS_OFFLINE",
        "HF_TOKEN",
        "HUGGING_FACE_HUB_TOKEN",
        "HF_TOKEN_PATH",
        "HUGGINGFACE_CO_STAGING",
    ):
        env.pop(key, None)
    Path(hf_home).mkdir(parents=True, exist_ok=True)
    no_proxy = ",".join(x for x in (env.get("NO_PROXY"), "127.0.0.1", "localhost") if x)
    env.update(
        HF_ENDPOINT=str(endpoint),
        HF_HOME=str(hf_home),
        NO_PROXY=no_proxy,
        no_proxy=no_proxy,
        HF_HUB_DISABLE_TELEMETRY="1",
        HF_HUB_DISABLE_PROGRESS_BARS="1",
        HF_HUB_DISABLE_UPDATE_CHECK="1",
    )
    if offline:
        env["HF_HUB_OFFLINE"] = "1"
    return env


@contextlib.contextmanager
def use_hub(endpoint: str, hf_home: Path | str, *, offline: bool = False) -> Iterator[None]:
    """In this process, make huggingface_hub and transformers use ``endpoint`` and ``hf_home``.

    huggingface_hub computed its constants from the environment at import; this patches those
    that both libraries read at call time (ENDPOINT, the resolve-URL template, HF_HOME,
    HF_HUB_CACHE, HF_HUB_OFFLINE, the agent-registry cache file) and restores them afterwards.
    Checked against huggingface_hub 2.4 / transformers 5.24; a subprocess with ``hub_env`` is the
    faithful alternative.
    """
    import os

    from huggingface_hub import constants

    hf_home = str(hf_home)
    values = {
        "ENDPOINT": str(endpoint).rstrip("/"),
        "HUGGINGFACE_CO_URL_TEMPLATE": str(endpoint).rstrip("/")
        + "/{repo_id}/resolve/{revision}/{filename}",
        "HF_HOME": hf_home,
        "HF_HUB_CACHE": os.path.join(hf_home, "hub"),
        "HF_HUB_OFFLINE": offline,
        # Where the agent-harness registry is cached: keep it out of the user's real HF_HOME.
        "AGENT_HARNESSES_PATH": os.path.join(hf_home, ".agent_harnesses.json"),
    }
    saved = {name: getattr(constants, name) for name in values if hasattr(constants, name)}
    # transformers keeps one shared HfApi (utils.hub._hf_api) whose endpoint is fixed when it is
    # first made: drop it, or model_info / list_repo_files would keep calling the hub that was
    # current then (a closed port by the next test), failing quietly.
    tf_hub = sys.modules.get("transformers.utils.hub")
    saved_api = getattr(tf_hub, "_hf_api", None)
    try:
        for name, value in values.items():
            setattr(constants, name, value)
        if tf_hub is not None:
            tf_hub._hf_api = None
        yield
    finally:
        for name in values:
            if name in saved:
                setattr(constants, name, saved[name])
            else:
                delattr(constants, name)
        tf_hub = sys.modules.get("transformers.utils.hub")
        if tf_hub is not None:
            tf_hub._hf_api = saved_api
