"""Debian's headless Chromium, driven by Selenium, for the digest page's tests and for the
README's screenshot.

The browser and its driver are the system's (/usr/bin/chromium, /usr/bin/chromedriver,
which `.ci/run` installs when missing); the driver's path is passed explicitly, so
Selenium Manager never runs and nothing is downloaded.

Run as a script, it makes the README's screenshot from the sample article with the
tiny test models:

    python tests/browser.py docs/digest.png
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parent.parent


def missing() -> str | None:
    """Why no browser test can run here, or None when one can."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not path.is_file():
            return f"{path} not found: install Debian's {package} (.ci/run does)"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium session that keeps the page's console messages."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def show(driver: Any, page: Path, width: int, height: int = 900, dark: bool = False) -> None:
    """Open ``page`` as a phone or desktop of ``width`` CSS pixels would, light or dark."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
    })
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}],
    })
    driver.get(page.resolve().as_uri())


def screenshot(driver: Any, png: Path) -> Path:
    """The whole page, not only the first screen, as a PNG."""
    import base64

    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
    })
    png.write_bytes(base64.b64decode(shot["data"]))
    return png


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def make_readme_screenshot(png: Path, width: int = 820) -> Path:
    """The sample article's digest page, built with the tiny BART by the installed
    command, photographed at ``width`` px: the README's picture."""
    sys.path.insert(0, str(Path(__file__).parent))
    import tiny_models

    # A fixed folder name: the page names the model by its path, and the picture should
    # not change from one run to the next for that.
    work = Path(tempfile.gettempdir()) / "summarize-readme"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        # Relative paths in the working folder, so the picture shows no machine's paths.
        tiny_models.build_bart(work / "tiny-bart")
        (work / "samples").mkdir()
        shutil.copy(ROOT / "samples" / "bakhmut-en.txt", work / "samples")
        page = work / "digest.html"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "SUMMARIZE_"))}
        env.update(HF_HUB_OFFLINE="1", HF_HOME=str(work / "hf"), XDG_CACHE_HOME=str(work / "cache"))
        subprocess.run(
            [sys.executable, "-m", "summarize", "digest", "samples/bakhmut-en.txt",
             "--model", "./tiny-bart", "--format", "html", "--out", "digest.html", "--quiet"],
            env=env, check=True, cwd=work,
        )
        with chromium() as driver:
            show(driver, page, width, height=1000)
            return screenshot(driver, png)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    reason = missing()
    if reason:
        sys.exit(reason)
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/digest.png")
    print(make_readme_screenshot(target))
