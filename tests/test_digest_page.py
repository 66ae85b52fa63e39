"""The digest as a web page and as an Atom feed. The page is opened in Debian's headless
Chromium (tests/browser.py): what a reader sees, on a desktop and on a 360 px phone."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import browser
import pytest
from conftest import SAMPLE, run_cli

from summarize.errors import UsageError
from summarize.io.digest import render_html
from summarize.io.digest_feed import content_id
from summarize.io.digest_parts import safe_href
from summarize.options import RunOptions, Task
from summarize.record import QuoteRecord, Record
from summarize.run import batch

NO_BROWSER = browser.missing()
needs_browser = pytest.mark.skipif(NO_BROWSER is not None, reason=NO_BROWSER or "")

ATOM = "{http://www.w3.org/2005/Atom}"

HOSTILE_TITLE = (
    "<script>window.__digestPwned = 1</script>"
    "<img src=x onerror=window.__digestPwned=2> Ferry vote </div></main>"
)
HOSTILE_BODY = (
    "The harbour board voted on Monday to approve the new ferry terminal at the old pier.\n\n"
    '"The <script>window.__digestPwned = 3</script> terminal will </div> bring work to the '
    'whole coast," said Maria Lind, the board\'s chair.\n\n'
    "Critics were unmoved by the promise of new jobs. "
    '"We will fight this <img src=x onerror=window.__digestPwned=4> plan in every court '
    "<a href='javascript:window.__digestPwned=5'>we can</a>,\" said Tom Becker, who leads "
    "the residents' group.\n\n"
    "The board will publish the final plans next month."
)
HARBOUR = (
    "The town council approved a new cycle bridge over the river on Thursday evening.\n\n"
    '"This bridge will finally connect the two halves of our town," said Anna Kovacs, '
    "the mayor.\n\n"
    "Shop owners on the east bank were more cautious about the plan. "
    '"We have heard promises like this for twenty years," said Peter Holm, who runs a bakery '
    "near the old ferry landing.\n\n"
    "Work on the bridge is due to start in the spring."
)
LIBRARY = (
    "<html><head><title>Library reopens after flood</title>"
    '<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>'
    "<body><article><h1>Library reopens after flood</h1>"
    "<p>The city library reopened on Saturday, eight months after the spring flood "
    "filled its basement with water.</p>"
    "<p>\"Every book that could be saved has been dried and put back on the shelves,\" "
    "said Lena Berg, the head librarian.</p>"
    "<p>Visitors queued from early morning to see the restored reading room.</p>"
    "</article></body></html>"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory, bart, marian, hf_home) -> Path:
    """The same digest of five inputs (one of them hostile, one broken) written by the
    installed command as a page, a feed and JSON, summarized by the tiny BART and
    translated into Ukrainian by the tiny Marian."""
    root = tmp_path_factory.mktemp("digest-site")
    inbox = root / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / "00-bakhmut.txt")
    (inbox / "01-bridge.md").write_text(
        "---\ntitle: Cycle bridge approved\ndate: 2026-11-02\n---\n" + HARBOUR, "utf-8")
    (inbox / "02-library.html").write_text(LIBRARY, "utf-8")
    (inbox / "03-hostile.md").write_text(
        f"---\ntitle: {HOSTILE_TITLE}\ndate: 2026-11-21\n---\n{HOSTILE_BODY}", "utf-8")
    (inbox / "99-broken.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00binary")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "SUMMARIZE_"))}
    env.update(HF_HOME=str(hf_home), HF_HUB_OFFLINE="1", XDG_CACHE_HOME=str(root / "xdg"))
    out = root / "site"
    out.mkdir()
    for fmt, name in (("html", "index.html"), ("atom", "feed.atom"), ("json", "digest.json")):
        result = run_cli(
            ["digest", str(inbox), "--model", str(bart), "--translator", str(marian),
             "--from", "en", "--to", "uk", "--format", fmt, "--out", str(out / name),
             "--cache-dir", str(root / "cache")],
            env,
        )
        assert result.returncode == 1, result.stderr  # the broken file fails, the rest is written
        assert "99-broken.txt" in result.stderr
    return root


def _data(site: Path) -> dict:
    return json.loads((site / "site" / "digest.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def driver():
    if NO_BROWSER:
        pytest.skip(NO_BROWSER)
    with browser.chromium() as session:
        yield session


@needs_browser
def test_the_page_loads_clean_and_shows_every_article_and_key_quote(site, driver, tmp_path):
    data = _data(site)
    browser.show(driver, site / "site" / "index.html", 1200)
    assert browser.console_errors(driver) == []
    headings = driver.execute_script(
        "return [...document.querySelectorAll('main > article > h2')]"
        ".map(h => [h.textContent, h.checkVisibility()])"
    )
    titles = [a["title"] or Path(a["source"]).name for a in data["articles"]]
    assert headings == [[t, True] for t in titles]
    assert "Library reopens after flood" in titles and HOSTILE_TITLE in titles

    shown = driver.execute_script(
        "return [...document.querySelectorAll('.key-quote .words')]"
        ".map(w => [w.textContent, w.checkVisibility()])"
    )
    expected = [q["text"] for a in data["articles"] for q in a["key_quotes"]]
    assert len(expected) >= 5
    assert shown == [[text, True] for text in expected]
    for article in data["articles"]:  # the words on the page are the source's words
        source = Path(article["source"]).read_text("utf-8")
        for q in article["key_quotes"]:
            assert q["text"] in source
    failed = driver.execute_script("return document.getElementById('failed').innerText")
    assert "99-broken.txt" in failed
    assert browser.screenshot(driver, tmp_path / "digest-1200.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@needs_browser
def test_hostile_markup_in_an_article_is_shown_as_text_and_never_runs(site, driver):
    browser.show(driver, site / "site" / "index.html", 1200)
    assert driver.execute_script("return window.__digestPwned") is None
    assert driver.execute_script(
        "return document.querySelectorAll('script, img, iframe, object, embed, [onerror]').length"
    ) == 0
    article = driver.execute_script(
        "return [...document.querySelectorAll('main > article')]"
        f".find(a => a.querySelector('h2').textContent === {json.dumps(HOSTILE_TITLE)}).innerText"
    )
    assert "<script>window.__digestPwned = 1</script>" in article
    # the stray </div></main> closed nothing: every article and the failure list still stand
    data = _data(site)
    assert driver.execute_script("return document.querySelectorAll('main > article').length") == len(
        data["articles"]
    )
    assert driver.execute_script("return document.querySelector('body > #failed') !== null")
    protocols = driver.execute_script(
        "return [...document.querySelectorAll('a[href]')].map(a => a.protocol)"
    )
    assert set(protocols) <= {"file:", "http:", "https:"}
    assert browser.console_errors(driver) == []


@needs_browser
def test_the_page_fits_a_360_px_phone(site, driver, tmp_path):
    browser.show(driver, site / "site" / "index.html", 360, height=740)
    width, document_width = driver.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]"
    )
    assert width == 360
    assert document_width <= width
    assert driver.execute_script(
        "return [...document.querySelectorAll('main > article > h2, .key-quote')]"
        ".every(e => e.getBoundingClientRect().right <= window.innerWidth)"
    )
    assert browser.console_errors(driver) == []
    assert browser.screenshot(driver, tmp_path / "digest-360.png").stat().st_size > 0


@needs_browser
def test_dark_mode_follows_the_reader_s_setting(site, driver):
    def background() -> float:
        rgb = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        return sum(int(c) for c in re.findall(r"\d+", rgb)[:3]) / 3

    browser.show(driver, site / "site" / "index.html", 800, dark=False)
    light = background()
    browser.show(driver, site / "site" / "index.html", 800, dark=True)
    assert background() < 80 < light
    assert browser.console_errors(driver) == []


def test_every_text_block_says_its_language(site):
    from lxml import html

    page = html.fromstring((site / "site" / "index.html").read_bytes())
    assert page.get("lang") == "en"
    articles = page.xpath("//main/article")
    assert articles
    for article in articles:
        for block in article.xpath(".//h2 | .//p | .//li | .//blockquote | .//figcaption"):
            owner = next((e for e in [block, *block.iterancestors()] if e.get("lang")), None)
            inside = owner is not None and (owner is article or article in owner.iterancestors())
            assert inside, html.tostring(block)  # said within the article, not left to <html>
        assert article.xpath(".//div[@class='summary']")[0].get("lang") == "uk"
        for quote in article.xpath(".//blockquote"):
            assert quote.get("lang") == "en"  # kept in the source's words, not translated


def test_a_kept_english_quote_in_a_ukrainian_summary_is_marked_english():
    words = "We will not give up the harbour,"
    text = f"Мер заявила: «{words}» — і рада погодилася."
    start = text.index(words)
    record = Record(
        source="harbour.txt", task="summary", lang={"source": "en", "target": "uk"},
        models={"summarizer": "tiny@local"}, text=text,
        quotes=[QuoteRecord(text=words, speaker="Maria Lind", start=10, end=10 + len(words),
                            kind="direct", output_start=start, output_end=start + len(words))],
    )
    from lxml import html

    page = html.fromstring(render_html([record], [], None, date(2026, 12, 1)))
    (summary,) = page.xpath("//div[@class='summary']")
    assert summary.get("lang") == "uk"
    (quote,) = summary.xpath(".//span[@lang='en']")
    assert quote.text == words
    assert summary.text_content().strip() == text


@pytest.mark.parametrize(("link", "href"), [
    ("https://news.example/story?id=1", "https://news.example/story?id=1"),
    ("../inbox/story one.md", "../inbox/story%20one.md"),
    ("javascript:alert(1)", "javascript%3Aalert%281%29"),
    ("JaVaScRiPt:alert(1)", "JaVaScRiPt%3Aalert%281%29"),
    ("data:text/html,<script>x</script>", "data%3Atext/html%2C%3Cscript%3Ex%3C/script%3E"),
    ("//elsewhere.example/x", None),
    ("/abs/story.txt", None),
    ("s3://wire/story.txt", None),
    ("-", None),
])
def test_a_source_link_is_followed_only_as_http_or_a_relative_path(link, href):
    assert safe_href(link) == href


def test_the_feed_is_atom_with_stable_ids_from_the_content(site, bart, marian, hf_home):
    import feedparser

    feed_path = site / "site" / "feed.atom"
    text = feed_path.read_text("utf-8")
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    data = _data(site)
    assert [e.title for e in parsed.entries] == [
        a["title"] or Path(a["source"]).name for a in data["articles"]]

    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert root.find(ATOM + tag) is not None, tag
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(data["articles"])
    for entry, article in zip(entries, data["articles"]):
        for tag in ("id", "title", "updated", "content"):
            assert (entry.findtext(ATOM + tag) is not None), tag
        raw = Path(article["source"]).read_bytes()
        assert entry.findtext(f"{ATOM}id") == content_id(hashlib.sha256(raw).hexdigest())
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.findtext(f"{ATOM}updated"))
        if article["date"]:
            assert entry.findtext(f"{ATOM}updated") == f"{article['date']}T00:00:00Z"
        quotes = "".join(entry.find(f"{ATOM}content").itertext())
        for q in article["key_quotes"]:
            assert " ".join(q["text"].split()) in quotes
    hostile = next(e for e in entries if e.findtext(f"{ATOM}title") == HOSTILE_TITLE)
    assert hostile.find(f"{ATOM}link").get("href").endswith("03-hostile.md")

    # A rerun (from the result cache) names every entry, and the feed, the same way.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "SUMMARIZE_"))}
    env.update(HF_HOME=str(hf_home), HF_HUB_OFFLINE="1", XDG_CACHE_HOME=str(site / "xdg"))
    again = run_cli(
        ["digest", str(site / "inbox"), "--model", str(bart), "--translator", str(marian),
         "--from", "en", "--to", "uk", "--format", "atom", "--out", str(feed_path),
         "--cache-dir", str(site / "cache")], env)
    assert again.returncode == 1
    rerun = ET.fromstring(feed_path.read_bytes())
    assert [e.findtext(f"{ATOM}id") for e in rerun.iter(f"{ATOM}entry")] == [
        e.findtext(f"{ATOM}id") for e in entries]
    assert rerun.findtext(f"{ATOM}id") == root.findtext(f"{ATOM}id")


def test_an_unknown_digest_format_names_the_ones_there_are(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(HARBOUR, "utf-8")
    options = RunOptions(task=Task.SUMMARY, format="pdf", out=tmp_path / "digest.pdf")
    with pytest.raises(UsageError, match="md, json, html or atom"):
        batch.digest([str(article)], options)


def test_each_warning_is_shown_under_the_flag_a_reader_understands():
    from summarize.io.digest_view import flags_of

    warnings = [
        'a number could not be confirmed in the translation: "1,250" (1250) in "Officials said…"',
        "2 figure(s) were lost or changed by the model; their sentences were translated again",
        'the summary has an amount the source does not: "$5 million" (5000000 USD)',
        "an altered quote was replaced by the source's words",
        "the model output repeats itself (word salad)",
    ]
    labels = [f.label for f in flags_of(warnings)]
    assert labels[0] == "Unreliable output"
    assert "Figures to check" in labels and "Quotes to check" in labels
    assert labels.count("Figures to check") == 3
