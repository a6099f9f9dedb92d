"""The report page and an SVG chart in a real browser (headless Chromium, the network cut
off): the page loads with no failed request and no console error, its Chinese title is in
the DOM, and its screenshot is not blank. And a PNG chart's glyphs are in its font.

CI installs Chromium, its driver and a CJK font (.ci/run); elsewhere these tests are
skipped where those are missing, and fail under CI=true.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIXTURES, ROOT

FOUR = str(FIXTURES / "four_zones")


def _needed(what: str, found: object) -> None:
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} is missing; .ci/run installs it")
        pytest.skip(f"{what} not found")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    _needed("chromium", chromium)
    _needed("chromedriver", driver_path)
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    yield driver
    driver.quit()


def _opened(browser: Any, path: Path) -> dict[str, Any]:
    """Open a file; its requests, failed requests, console errors and screenshot."""
    browser.get_log("performance")  # what came before
    browser.get_log("browser")
    browser.get(path.as_uri())
    events = [json.loads(e["message"])["message"] for e in browser.get_log("performance")]
    requests = [
        e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"
    ]
    failed = [e["params"] for e in events if e["method"] == "Network.loadingFailed"]
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    return {
        "requests": [u for u in requests if u != path.as_uri()],
        "failed": failed,
        "errors": errors,
        "screenshot": browser.get_screenshot_as_png(),
    }


def _not_blank(png: bytes) -> bool:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    low, high = image.getextrema()
    histogram = image.histogram()
    dark = sum(histogram[:128])
    return high - low > 100 and dark > 500  # text and lines drawn, not one colour


def test_the_report_page_in_a_browser(
    browser: Any, cli: Callable[..., Any], tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    cli("report", "-d", FOUR, "-o", str(page))
    seen = _opened(browser, page)
    assert seen["requests"] == [] and seen["failed"] == [], seen["requests"]
    assert seen["errors"] == []
    assert "江北经开区、南山高新区、西岭开发区、北塘经开区 数据报告" in browser.title
    heading = browser.find_element("tag name", "h1").text
    assert "数据报告" in heading
    assert _not_blank(seen["screenshot"])


def test_an_svg_chart_in_a_browser(browser: Any, cli: Callable[..., Any], tmp_path: Path) -> None:
    chart = tmp_path / "ranks.svg"
    cli("chart", "national_rank", "-d", FOUR, "-o", str(chart))
    seen = _opened(browser, chart)
    assert seen["requests"] == [] and seen["failed"] == [] and seen["errors"] == []
    texts = browser.execute_script(
        "return Array.from(document.querySelectorAll('text')).map(t => t.textContent)"
    )
    assert "国家级经开区综合考评排名" in texts
    assert _not_blank(seen["screenshot"])


def test_a_png_chart_has_every_glyph_of_its_title(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from zonestats.output.chart_files import cjk_font

    font = cjk_font()
    _needed("a font with Chinese characters (fonts-noto-cjk)", font)
    target = tmp_path / "ranks.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "zonestats",
            "chart",
            "national_rank",
            "-d",
            FOUR,
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": "always"},
    )
    assert done.returncode == 0, done.stderr
    assert "missing from font" not in done.stderr
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font)
    face = FT2Font(path)
    assert all(face.get_char_index(ord(c)) for c in "国家级经开区综合考评排名江北南山")
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
