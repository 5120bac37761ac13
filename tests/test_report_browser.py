"""The report as a person sees it: the real report of the small study in headless Chromium."""

import csv
import json
import shutil

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def page_report(browser, small_run, tmp_path_factory):
    """Open the report once; record console errors and every network request."""
    url = (small_run / "results" / "report.html").as_uri()
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="load")
    screenshot = tmp_path_factory.mktemp("shots") / "report.png"
    page.screenshot(path=str(screenshot), full_page=True)
    yield page, errors, requests, screenshot
    page.close()


def test_verdict_is_visible_above_the_fold(page_report):
    page = page_report[0]
    banner = page.locator("#verdict")
    assert banner.is_visible()
    box = banner.bounding_box()
    assert box["y"] + box["height"] <= 800
    assert "Verdict:" in banner.inner_text()


def test_the_page_never_scrolls_sideways(page_report):
    # a table wider than the window scrolls in its own box (the evidence table has grown
    # columns: interval, baselines), never the whole page
    page = page_report[0]
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_verdict_says_for_whom_with_both_figures(page_report, small_run):
    """The opening names the writers of Digits and the new writers, each with its figure."""
    page = page_report[0]
    hypothesis = json.loads((small_run / "results" / "hypothesis.json").read_text())
    cases = [hypothesis["cases"][name] for name in hypothesis["overall"]["informative_cases"]]
    means = [f"{100 * f(c['mean_accuracy'] for c in cases):.1f}%" for f in (min, max)]
    new = hypothesis["external"]
    text = page.locator("#for-whom").inner_text()
    assert "13 people who wrote Digits" in text and "new writers" in text
    assert means[0] in text and means[-1] in text
    assert f"{100 * new['accuracy']:.1f}%" in text
    assert f"{100 * new['ci_low']:.1f}%–{100 * new['ci_high']:.1f}%" in text
    label = page.locator("#verdict .label").inner_text()
    assert label == (
        f"Verdict: {hypothesis['overall']['verdict']} for the writers of Digits; "
        f"{new['verdict']} for new writers"
    )
    # the link leads to its evidence, shown apart from the cases
    assert page.locator("#new-writers").is_visible()
    assert page.locator("#evidence-new-writers").count() == 1


def test_every_image_loaded(page_report):
    page = page_report[0]
    widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
    assert widths and all(w > 0 for w in widths)


def test_no_console_errors_and_no_network_requests(page_report):
    _, errors, requests, _ = page_report
    assert errors == []
    assert all(url.startswith(("file:", "data:", "blob:")) for url in requests), requests


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


# --- the report as a reader's tool ------------------------------------------------------


def summary_rows(small_run):
    with open(small_run / "results" / "summary.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_contents_take_the_reader_to_each_section(page_report):
    page = page_report[0]
    page.reload()
    links = page.eval_on_selector_all("nav.toc > ol > li > a", "as => as.map(a => a.hash)")
    assert {"#evidence", "#per-digit", "#splits", "#downloads", "#provenance"} <= set(links)
    for target in ("#splits", "#provenance", "#per-digit"):
        page.click(f'nav.toc > ol > li > a[href="{target}"]')
        page.wait_for_function(f"location.hash === '{target}'")
        nav = page.locator("nav.toc").bounding_box()
        heading = page.locator(target).bounding_box()
        # in view, below the sticky contents bar rather than under it
        assert nav["y"] + nav["height"] <= heading["y"] + 1 < 800, target


def test_the_split_table_sorts_by_accuracy_both_ways(page_report, small_run):
    page = page_report[0]
    page.reload()
    expected = sorted(float(r["accuracy"]) for r in summary_rows(small_run))
    column = "#split-table tbody td:nth-child(5)"  # case is a th, then seed, n, correct, accuracy
    header = page.locator("#split-table thead th", has_text="accuracy")
    header.locator("button").click()
    shown = page.eval_on_selector_all(column, "cs => cs.map(c => +c.dataset.sort)")
    assert shown == pytest.approx(expected)
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    shown = page.eval_on_selector_all(column, "cs => cs.map(c => +c.dataset.sort)")
    assert shown == pytest.approx(expected[::-1])
    assert header.get_attribute("aria-sort") == "descending"


def test_the_split_table_filters_by_case_and_verdict(page_report, small_run):
    page = page_report[0]
    page.reload()
    rows = summary_rows(small_run)
    visible = "#split-table tbody tr:not([hidden])"
    assert page.locator("#split-filter").is_visible()
    page.select_option("#split-filter select[name=case]", "half")
    cases = page.eval_on_selector_all(visible, "rs => rs.map(r => r.cells[0].textContent)")
    assert cases == [r["case"] for r in rows if r["case"] == "half"]
    verdict = rows[0]["verdict"]
    page.select_option("#split-filter select[name=case]", "")
    page.select_option("#split-filter select[name=verdict]", verdict)
    shown = page.locator(visible).count()
    assert shown == sum(r["verdict"] == verdict for r in rows)
    assert (
        page.locator("#split-filter output").inner_text() == f"{shown} of {len(rows)} splits shown"
    )


def test_a_case_in_the_evidence_table_opens_its_splits(page_report):
    page = page_report[0]
    page.reload()
    page.click('#evidence-table a.tag[data-case="strat"]')  # the case's verdict
    cases = page.eval_on_selector_all(
        "#split-table tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.case)"
    )
    assert cases and set(cases) == {"strat"}


def test_summary_csv_downloads_from_the_page_byte_for_byte(page_report, small_run, tmp_path):
    page = page_report[0]
    with page.expect_download() as download:
        page.click('a[download="summary.csv"]')
    saved = tmp_path / "summary.csv"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "summary.csv"
    assert saved.read_bytes() == (small_run / "results" / "summary.csv").read_bytes()


def test_the_evidence_table_shows_both_p_values_and_the_threshold(page_report, small_run):
    page = page_report[0]
    headers = page.eval_on_selector_all(
        "#evidence-table thead th", "hs => hs.map(h => h.innerText)"
    )
    assert any("p (supported)" in h for h in headers) and any("p (refuted)" in h for h in headers)
    hyp = json.loads((small_run / "results" / "hypothesis.json").read_text())
    m = len(hyp["overall"]["informative_cases"])
    rule = page.locator("#decision-rule")
    assert rule.is_visible()
    assert page.locator("#decision-rule .bonferroni").inner_text() == f"{0.05 / m:.3g}"
    assert f"alpha / m = 0.05 / {m}" in rule.inner_text()


def test_the_page_reads_fully_without_javascript(browser, small_run):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((small_run / "results" / "report.html").as_uri())
    rows = page.locator("#split-table tbody tr")
    assert rows.count() == len(summary_rows(small_run))
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    assert not page.locator("#split-filter").is_visible()  # no controls that cannot work
    page.click('nav.toc a[href="#provenance"]')
    assert page.evaluate("location.hash") == "#provenance"
    context.close()


def test_shaded_cells_keep_their_text_readable(page_report):
    page = page_report[0]
    colours = page.eval_on_selector_all(
        "td[class^=s]",
        "cs => cs.map(c => [getComputedStyle(c).color, getComputedStyle(c).backgroundColor])",
    )
    assert len({bg for _, bg in colours}) >= 3  # the shading is there
    assert min(contrast(fg, bg) for fg, bg in colours) >= 4.5


def test_a_file_stored_compressed_downloads_unpacked(browser, small_run, tmp_path, monkeypatch):
    from workflow import render_report

    from digits_hypothesis import reporting

    monkeypatch.setattr(reporting, "GZIP_ABOVE", 0)  # store every file compressed
    report = render_report(small_run, tmp_path)
    page = browser.new_page()
    page.goto(report.as_uri())
    link = page.locator('a[data-gunzip="summary.csv"]')
    assert link.get_attribute("download") == "summary.csv.gz"  # what a page without JS saves
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "saved.csv"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "summary.csv"
    assert saved.read_bytes() == (small_run / "results" / "summary.csv").read_bytes()
    page.close()


def test_p_values_sort_as_numbers_as_shown(page_report, small_run):
    # The evidence table's p-values are shown as 0.397, 2.9e-04, 1.0e-07 (no data-sort): the
    # script must read each as the number it shows.
    page = page_report[0]
    page.reload()
    hyp = json.loads((small_run / "results" / "hypothesis.json").read_text())
    header = page.locator("#evidence-table thead th", has_text="p (supported)")
    header.locator("button").click()
    rows = page.eval_on_selector_all(
        "#evidence-table tbody:not(.apart) tr", "rs => rs.map(r => r.id)"
    )
    shown = [hyp["cases"][row.removeprefix("case-")]["p_supported"] for row in rows]
    assert shown == sorted(shown) and len(shown) == len(hyp["cases"])
    page.locator("#evidence-table thead th", has_text="case").locator("button").click()
    rows = page.eval_on_selector_all(
        "#evidence-table tbody:not(.apart) tr", "rs => rs.map(r => r.id)"
    )
    assert rows == sorted(rows)  # a text column sorts as text
    # the new writers stay apart, below the cases, whatever the sort
    apart = page.eval_on_selector_all("#evidence-table tbody tr", "rs => rs.map(r => r.id)")
    assert apart[-1] == "evidence-new-writers"
