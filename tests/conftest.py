import shutil

import pytest
from workflow import ROOT, copy_workflow, snakemake


@pytest.fixture(scope="session")
def small_run(tmp_path_factory):
    """The small study, run once with the real Snakemake, shared by the end-to-end tests."""
    workdir = copy_workflow(tmp_path_factory.mktemp("small"))
    snakemake(workdir, "--cores", "2")
    return workdir


@pytest.fixture(scope="session")
def analyses_run(tmp_path_factory):
    """The small study with every extra analysis (tests/configs/analyses.yaml), run once."""
    config = ROOT / "tests" / "configs" / "analyses.yaml"
    workdir = copy_workflow(tmp_path_factory.mktemp("analyses"), config=config)
    snakemake(workdir, "--cores", "2")
    return workdir


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
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
def browser():
    """Debian's Chromium, headless, driven by Playwright (tests using it skip without it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
