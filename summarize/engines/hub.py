"""Talking to the model hub: one short look before any download, and a quiet client.

huggingface_hub retries an unreachable hub with exponential backoff (five retries,
about 50 seconds, a log line each) before it gives up, and only then does the run
say anything. A newcomer behind a firewall deserves better: before any model is
fetched, one request with a short timeout tells whether the hub (or the mirror in
``HF_ENDPOINT``) answers at all. When it does not, a model in the cache is used
from the cache alone, and a model that is not there ends the run with one sentence
that says how to fix it.
"""

from __future__ import annotations

import logging

from summarize.engines.catalog import ModelSpec
from summarize.errors import ModelError

# One connection attempt, no retries: long enough for a slow link, short enough that a
# machine without network hears so within about five seconds.
PROBE_TIMEOUT_S = 4.0
_answers: dict[str, bool] = {}  # endpoint -> whether it answered, once per process


def quiet_clients() -> None:
    """Keep the hub client's and transformers' log lines off the user's terminal;
    the run's own reporter says what matters, in one sentence."""
    from huggingface_hub.utils import logging as hub_logging

    hub_logging.set_verbosity_error()
    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)
    try:
        import transformers

        transformers.logging.set_verbosity_error()
    except ImportError:  # pragma: no cover - transformers is a dependency
        pass


def endpoint() -> str:
    from huggingface_hub import constants

    return str(constants.ENDPOINT).rstrip("/")


def name_for_pull(spec: ModelSpec) -> str:
    return spec.alias if spec.in_catalog else spec.hub_id


def unreachable(spec: ModelSpec) -> ModelError:
    """The one sentence for a model that is neither cached nor fetchable."""
    return ModelError(
        f"The model hub at {endpoint()} cannot be reached to fetch {spec.hub_id}: "
        f"run `summarize models pull {name_for_pull(spec)}` where the hub is reachable, "
        "pass a model folder with --model ./folder, or set HF_ENDPOINT to a mirror."
    )


def reachable(spec: ModelSpec) -> bool:
    """Whether the hub answers one request within PROBE_TIMEOUT_S (any HTTP status counts:
    a 404 or 401 is an answer; only a failed connection or a timeout is not)."""
    base = endpoint()
    if base in _answers:
        return _answers[base]
    quiet_clients()
    from huggingface_hub.utils import get_session

    url = f"{base}/{spec.hub_id}/resolve/{spec.revision}/config.json"
    try:
        get_session().request("HEAD", url, timeout=PROBE_TIMEOUT_S, follow_redirects=False)
        answered = True
    except Exception:  # connection refused, name not resolved, timeout, TLS...
        answered = False
    _answers[base] = answered
    return answered


def cached_snapshot(spec: ModelSpec) -> str | None:
    """The cached snapshot folder of the model's revision, when it holds a config
    and weights; None otherwise. Never touches the network."""
    from pathlib import Path

    from huggingface_hub import snapshot_download

    try:
        folder = Path(snapshot_download(spec.hub_id, revision=spec.revision, local_files_only=True))
    except Exception:
        return None
    has_weights = any(folder.glob("*.safetensors")) or any(folder.glob("pytorch_model*.bin"))
    return str(folder) if (folder / "config.json").is_file() and has_weights else None


def cache_only(spec: ModelSpec, offline: bool) -> bool:
    """Whether this model must load from the cache alone (``local_files_only``).

    Offline runs and unreachable hubs use the cache; a model that is not there and
    cannot be fetched raises the one sentence at once, before the hub client's
    retries could start.
    """
    if spec.local or offline:
        return offline
    if reachable(spec):
        return False
    if cached_snapshot(spec) is not None:
        return True
    raise unreachable(spec)


def require_reachable(spec: ModelSpec) -> None:
    """For ``models pull``: fetching needs the hub; say so at once when it is not there."""
    if not reachable(spec):
        raise unreachable(spec)


def forget() -> None:
    """Drop what the probe learnt (tests point the client at a new hub mid-process)."""
    _answers.clear()

