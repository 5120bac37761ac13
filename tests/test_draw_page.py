"""The drawing page (scripts/serve.py) as a person uses it: the real server on a free local
port, the small study's final model, headless Chromium drawing with mouse strokes."""

from __future__ import annotations

import base64
import json
import math
import shutil
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from workflow import ROOT

from digits_hypothesis.models import load_model
from digits_hypothesis.own_images import read_images

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed"),
]


def start(workdir, *args):
    """The server as a user starts it; returns (process, its URL)."""
    process = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--port", "0", *args],
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    assert "http://127.0.0.1:" in line, line + process.stderr.read()
    return process, line.split()[4]


def stop(process) -> None:
    process.terminate()
    process.wait(timeout=10)
    assert process.poll() is not None


def files(folder) -> dict:
    return {
        path: path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def server(small_run):
    before = files(small_run)
    process, url = start(small_run)
    yield url
    stop(process)
    assert files(small_run) == before  # nothing sent was kept, nothing else written


@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server)
    yield page
    page.close()
    assert not errors


# Strokes of three digits in the 280x280 box, as lists of points.
def ellipse(cx, cy, rx, ry, steps=48):
    return [
        (cx + rx * math.sin(2 * math.pi * i / steps), cy - ry * math.cos(2 * math.pi * i / steps))
        for i in range(steps + 1)
    ]


STROKES = {
    0: [ellipse(140, 140, 65, 105)],
    1: [[(110, 70), (145, 35), (145, 245)]],
    7: [[(65, 40), (215, 40), (120, 250)]],
}


def draw(page, strokes) -> None:
    box = page.locator("#pad").bounding_box()
    for stroke in strokes:
        (x, y), *rest = stroke
        page.mouse.move(box["x"] + x, box["y"] + y)
        page.mouse.down()
        for x, y in rest:
            page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
        page.mouse.up()


@pytest.mark.parametrize("digit", sorted(STROKES))
def test_a_digit_drawn_with_the_mouse_is_read(page, small_run, tmp_path, digit):
    draw(page, STROKES[digit])
    # The drawing as the page sends it, read by the workflow's own code: the same answer.
    png = page.evaluate("document.getElementById('pad').toDataURL('image/png')")
    drawing = tmp_path / "drawing.png"
    drawing.write_bytes(base64.b64decode(png.split(",", 1)[1]))
    model = load_model(str(small_run / "results" / "final_model" / "model.skops"))
    [expected], _ = read_images([drawing], model)

    page.click("#read")
    attempt = page.locator("#attempts li").first
    attempt.wait_for()
    assert attempt.locator(".digit").inner_text() == str(digit)
    assert expected["predicted_label"] == str(digit)
    shown = float(attempt.locator(".probability").inner_text())
    assert shown == pytest.approx(float(expected["probability"]), abs=5e-4)
    assert 0 < shown <= 1
    next_two = attempt.locator(".next").inner_text()
    assert next_two.startswith(f"{expected['second_label']} (")
    # the 8x8 image the model saw is drawn beside the answer
    assert attempt.locator("canvas.seen").evaluate("c => [c.width, c.height]") == [8, 8]


def test_two_attempts_are_listed_newest_first(page):
    for digit in (7, 0):
        page.click("#clear")
        draw(page, STROKES[digit])
        page.click("#read")
        page.locator(f"#attempts li:nth-child({1 if digit == 7 else 2})").wait_for()
    assert page.locator("#attempts .digit").all_inner_texts() == ["0", "7"]


def test_a_file_that_is_not_an_image_gets_a_one_line_refusal(page, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture of a digit\n")
    page.set_input_files("#upload", str(notes))
    problem = page.locator("#problem")
    problem.filter(has_text="notes.txt").wait_for()
    assert problem.inner_text() == "notes.txt: not an image file Pillow can identify"
    assert page.locator("#attempts li").count() == 0


def test_a_photo_uploaded_is_read(page, small_run):
    page.set_input_files("#upload", str(small_run / "images" / "7_blue_ink.png"))
    attempt = page.locator("#attempts li").first
    attempt.wait_for()
    assert attempt.locator(".source").inner_text() == "7_blue_ink.png"
    assert attempt.locator(".digit").inner_text() == "7"
    # which model read it: the small study's (Digits and the MNIST digits, no augmented copies)
    assert "svc(gamma=0.001, C=100), fitted on 5,797 images" in page.locator("#model").inner_text()


def post(url, body: bytes, headers=None):
    request = urllib.request.Request(url, data=body, method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_an_upload_too_big_is_refused_unread(server):
    status, answer = post(f"{server}read?name=huge.jpg", b"\0" * (10 * 2**20 + 1))
    assert status == 413
    assert answer["error"] == "huge.jpg: 10.0 MB is too big (at most 10 MB)"


def test_other_sites_and_host_names_are_refused(server):
    port = server.rsplit(":", 1)[1].strip("/")
    image = (ROOT / "images" / "0_pencil_margins.png").read_bytes()
    status, answer = post(f"{server}read?name=x.png", image, {"Origin": "http://evil.example"})
    assert status == 403 and "only this machine" in answer["error"]
    status, _ = post(f"{server}read?name=x.png", image, {"Host": f"rebound.example:{port}"})
    assert status == 403
    status, answer = post(f"{server}read?name=x.png", image, {"Origin": server.rstrip("/")})
    assert status == 200 and answer["digit"] == 0


def test_without_a_model_the_page_says_how_to_build_it(browser, small_run, tmp_path):
    process, url = start(small_run, "--model", str(tmp_path / "none" / "model.skops"))
    try:
        page = browser.new_page()
        page.goto(url)
        missing = page.locator("#missing")
        missing.wait_for()
        assert "snakemake --cores 4 results/final_model/model.skops" in missing.inner_text()
        status, answer = post(
            f"{url}read?name=x.png", (small_run / "images" / "0_pencil_margins.png").read_bytes()
        )
        assert status == 503 and "No model yet" in answer["error"]
        page.close()
    finally:
        stop(process)
