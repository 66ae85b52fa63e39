"""Measure how long a normal translation is, per target language, from parallel text.

The system's gettext catalogues (``/usr/share/locale/LANG/LC_MESSAGES/*.mo``) hold
thousands of English messages with their translations for many languages: real
translations made by people, already paired. For every language this script takes
the pairs whose English side is a sentence (at least 40 characters and 5 words, as
``guard.looks_cut_short`` only judges such units), strips format directives and markup
(``%s``, ``{name}``, ``<b>``) from both sides, and records the median of
translated characters / English characters, the 1st percentile of that ratio over
the median (how short a normal translation gets), and the number of pairs. Scripts
get the median of their languages, for a language the table does not name.

    python benchmarks/length_ratios.py            # prints the table
    python benchmarks/length_ratios.py --write    # rewrites summarize/wordlists/length_ratios.toml

The result depends on the catalogues installed; the committed table names its source.
"""

from __future__ import annotations

import argparse
import gettext
import platform
import re
import statistics
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from summarize.stages.guard import script_of

ROOT = Path("/usr/share/locale")
OUT = Path(__file__).resolve().parent.parent / "summarize" / "wordlists" / "length_ratios.toml"
MIN_CHARS, MIN_WORDS = 40, 5
MIN_PAIRS = 300  # fewer pairs than this: the median is too noisy to keep
_MARKUP = re.compile(r"%[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]|%\(\w+\)[a-z]|\{[^}]*\}|<[^>]+>|_(?=\w)")


def measure(root: Path = ROOT) -> dict[str, dict[str, float | int | str]]:
    by_code: dict[str, dict[str, float | int | str]] = {}
    for folder in sorted(root.iterdir()):
        code = folder.name
        if "@" in code or code.startswith("en"):
            continue
        ratios: list[float] = []
        scripts: Counter[str] = Counter()
        for mo in sorted((folder / "LC_MESSAGES").glob("*.mo")):
            try:
                with open(mo, "rb") as handle:
                    catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
            except Exception:  # a catalogue with a malformed header (gettext raises IndexError, ValueError, …)
                continue
            for msgid, msgstr in catalog.items():
                if not isinstance(msgid, str) or not msgid or not msgstr or msgid == msgstr:
                    continue  # the header, plural forms, untranslated copies
                source, target = _MARKUP.sub("", msgid).strip(), _MARKUP.sub("", msgstr).strip()
                if len(source) < MIN_CHARS or len(source.split()) < MIN_WORDS or not target:
                    continue
                ratios.append(len(target) / len(source))
                script = script_of(target)
                if script:
                    scripts[script] += 1
        if len(ratios) < MIN_PAIRS:
            continue
        ratios.sort()
        median = statistics.median(ratios)
        base = code.split("_")[0]
        entry = {
            "catalogue": code,
            "pairs": len(ratios),
            "median": round(median, 3),
            "p1": round(ratios[len(ratios) // 100] / median, 3),
            "script": scripts.most_common(1)[0][0],
        }
        # One row per ISO 639-1 code: the regional catalogue with the most pairs (zh_CN for zh).
        if base not in by_code or int(by_code[base]["pairs"]) < len(ratios):
            by_code[base] = entry
    return by_code


def _system() -> str:
    try:
        return platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError):
        return platform.platform()


def render(table: dict[str, dict[str, float | int | str]]) -> str:
    scripts: dict[str, list[float]] = defaultdict(list)
    for row in table.values():
        scripts[str(row["script"])].append(float(row["median"]))
    big = [float(r["p1"]) for r in table.values() if int(r["pairs"]) >= 5000]
    lines = [
        "# Characters of a normal translation per character of English, by target language.",
        "# Measured by benchmarks/length_ratios.py (see its docstring) on the gettext catalogues",
        f"# of {_system()} under {ROOT}, {date.today().isoformat()}:",
        f"# English messages of at least {MIN_CHARS} characters and {MIN_WORDS} words with their",
        "# translations, markup removed.",
        "# median: translated chars / English chars; p1: the 1st percentile of that ratio over",
        "# the median (how short a normal translation gets); pairs: how many were measured.",
        "# A pair src->tgt expects median[tgt] / median[src] (English is 1.0).",
        "",
        "# The lowest p1 among languages measured on 5,000 pairs or more: a translation shorter",
        "# than this share of its expected length is rarer than 1 in 100 among people's work.",
        f"lowest_p1 = {min(big):.3f}",
        "",
        "[script]  # the median of each script's languages, for a language the table lacks",
    ]
    for name in sorted(scripts):
        lines.append(f"{name} = {statistics.median(scripts[name]):.3f}")
    lines += ["", "[language]"]
    for code in sorted(table):
        row = table[code]
        lines.append(
            f'{code} = {{ median = {row["median"]}, p1 = {row["p1"]}, pairs = {row["pairs"]}, '
            f'script = "{row["script"]}", catalogue = "{row["catalogue"]}" }}'
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(OUT.parents[2])}")
    args = parser.parse_args()
    text = render(measure())
    if args.write:
        OUT.write_text(text, "utf-8")
        print(f"wrote {OUT}")
    else:
        print(text)


if __name__ == "__main__":
    main()
