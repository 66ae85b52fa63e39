"""The digest as one self-contained web page: inline CSS, no scripts, fonts or images.

Jinja2 with autoescaping writes every byte of markup from a template (a package data
file); article text only ever enters it as escaped text. The page's Content-Security-
Policy allows its own stylesheet (by hash) and nothing else, so even markup that got
through could neither run nor load anything.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from summarize.io.digest_parts import models_of
from summarize.io.digest_view import article_view
from summarize.record import Failure, Record


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("summarize.io", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _stylesheet() -> tuple[str, str]:
    """The page's CSS and the CSP source that allows exactly it."""
    css = resources.files("summarize.io").joinpath("templates/digest.css").read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return css, f"'sha256-{digest}'"


def content_security_policy(style_source: str) -> str:
    return (
        f"default-src 'none'; style-src {style_source}; img-src 'none'; "
        "script-src 'none'; base-uri 'none'; form-action 'none'"
    )


def render_page(
    records: Sequence[Record], failures: Sequence[Failure], out: Path | str | None, today: date | None = None
) -> str:
    from markupsafe import Markup

    css, style_source = _stylesheet()
    return _environment().get_template("digest.html.j2").render(
        date=(today or date.today()).isoformat(),
        articles=[article_view(n, r, out) for n, r in enumerate(records, start=1)],
        failures=failures,
        models=models_of(records),
        csp=content_security_policy(style_source),
        css=Markup(css),  # our own package file, hashed into the CSP above
    )
