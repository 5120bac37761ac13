"""The report as a person sees it: the real report of the small study in headless Chromium."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed"),
]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page_report(small_run, tmp_path_factory):
    """Open the report once; record console errors and every network request."""
    from playwright.sync_api import sync_playwright

    url = (small_run / "results" / "report.html").as_uri()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors, requests = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url, wait_until="load")
        screenshot = tmp_path_factory.mktemp("shots") / "report.png"
        page.screenshot(path=str(screenshot), full_page=True)
        yield page, errors, requests, screenshot
        browser.close()


def test_verdict_is_visible_above_the_fold(page_report):
    page = page_report[0]
    banner = page.locator("#verdict")
    assert banner.is_visible()
    box = banner.bounding_box()
    assert box["y"] + box["height"] <= 800
    assert "Verdict:" in banner.inner_text()


def test_every_image_loaded(page_report):
    page = page_report[0]
    widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
    assert widths and all(w > 0 for w in widths)


def test_no_console_errors_and_no_network_requests(page_report):
    _, errors, requests, _ = page_report
    assert errors == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests


def test_tables_have_headers_and_images_have_alt_text(page_report):
    page = page_report[0]
    tables = page.eval_on_selector_all(
        "table", "ts => ts.map(t => t.querySelectorAll('th').length)"
    )
    assert tables and all(n > 0 for n in tables)
    alts = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.alt)")
    assert all(alt.strip() for alt in alts)


def test_headings_do_not_skip_levels(page_report):
    page = page_report[0]
    levels = page.eval_on_selector_all("h1, h2, h3, h4", "hs => hs.map(h => +h.tagName[1])")
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


def test_verdict_banner_has_enough_contrast(page_report):
    page = page_report[0]
    colours = page.eval_on_selector(
        "#verdict", "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    assert contrast(*colours) >= 4.5  # WCAG AA for normal text


def test_full_page_screenshot_is_produced(page_report):
    assert page_report[3].stat().st_size > 10_000


def contrast(fg: str, bg: str) -> float:
    def luminance(css):
        rgb = [int(v) / 255 for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted([luminance(fg), luminance(bg)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)
