"""Faults: a killed run resumes without corrupt outputs, a failing case spares the others,
two clean runs agree byte for byte."""

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from workflow import SMALL_CONFIG, copy_workflow, output_files, snakemake

from digits_hypothesis.files import atomic_path, write_text


def test_atomic_path_leaves_nothing_under_the_final_name_on_failure(tmp_path):
    target = tmp_path / "score.json"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        with open(tmp, "w") as handle:
            handle.write('{"half": ')
        raise RuntimeError("killed mid-write")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_keeps_the_old_file_until_the_new_one_is_complete(tmp_path):
    target = tmp_path / "summary.csv"
    write_text(target, "old\n")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        with open(tmp, "w") as handle:
            handle.write("new, half")
        raise RuntimeError("killed mid-write")
    assert target.read_text() == "old\n"


def assert_complete(path):
    """A CSV or JSON output that parses to the end (never half-written)."""
    text = path.read_text()
    if path.suffix == ".json":
        json.loads(text)
    else:
        rows = list(csv.reader(text.splitlines()))
        assert text.endswith("\n") and all(len(r) == len(rows[0]) for r in rows), path


def test_a_killed_run_resumes_to_the_same_outputs(small_run, tmp_path):
    workdir = copy_workflow(tmp_path / "killed")
    cmd = [sys.executable, "-m", "snakemake", "--cores", "2"]
    process = subprocess.Popen(
        cmd,
        cwd=workdir,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    # Kill once some split has finished but the study has not: mid-run, jobs in flight.
    while time.monotonic() < deadline and process.poll() is None:
        if list((workdir / "results" / "splits").glob("*/*/predictions.csv")):
            break
        time.sleep(0.2)
    assert process.poll() is None, "the run finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not (workdir / "results" / "report.html").exists()
    for path in (workdir / "results").rglob("*"):
        if path.suffix in (".csv", ".json") and not path.name.startswith("."):
            assert_complete(path)

    # As the README says: unlock, then run again (the workflow profile re-makes incomplete jobs).
    snakemake(workdir, "--unlock", profile=True)
    snakemake(workdir, "--cores", "2", profile=True)
    assert output_files(workdir) == output_files(small_run)


def test_two_clean_runs_agree_byte_for_byte(small_run, tmp_path):
    other = copy_workflow(tmp_path / "second")
    snakemake(other, "--cores", "2")
    first, second = output_files(small_run), output_files(other)
    assert first.keys() == second.keys() and len(first) > 10
    assert first == second
    reports = [
        strip_run_specific((d / "results" / "report.html").read_text()) for d in (small_run, other)
    ]
    assert reports[0] == reports[1]


def strip_run_specific(html: str) -> str:
    """The report may differ only in its date line and its cost-of-this-run section."""
    html = re.sub(r'<p class="muted" id="generated">.*?</p>', "", html)
    return re.sub(r'<section id="cost".*?</section>', "", html, flags=re.DOTALL)


def test_a_failing_case_names_itself_and_spares_the_other_cases(tmp_path):
    config = SMALL_CONFIG.read_text().replace(
        "  estimator: svc\n  params:\n    gamma: 0.001\n    C: 100",
        # 1,000 neighbours: fine with 1,487 training images, impossible with 898 ("half").
        "  estimator: knn\n  params:\n    n_neighbors: 1000",
    )
    config_path = tmp_path / "failing.yaml"
    config_path.write_text(config)
    workdir = copy_workflow(tmp_path / "failing", config=config_path)
    result = snakemake(workdir, "--cores", "2", "--keep-going", check=False)
    assert result.returncode != 0
    log = (
        result.stdout
        + result.stderr
        + "".join(p.read_text() for p in (workdir / "results" / "logs").rglob("*.log"))
    )
    assert "case 'half'" in log
    assert not list((workdir / "results" / "splits" / "half").rglob("*.csv"))

    digits = load_digits()
    data = digits.images.reshape((len(digits.images), -1))
    for case, seed, test_size, stratify in [
        ("original", 0, 0.01, False),
        ("strat", 0, 300, True),
        ("strat", 1, 300, True),
    ]:
        folder = workdir / "results" / "splits" / case / str(seed)
        for name in (
            "model.skops",
            "predictions.csv",
            "test_images.svg",
            "confusion_matrix.svg",
            "misclassified.svg",
        ):
            assert (folder / name).stat().st_size > 0, folder / name
        x_train, x_test, y_train, _ = train_test_split(
            data,
            digits.target,
            test_size=test_size,
            random_state=seed,
            stratify=digits.target if stratify else None,
        )
        expected = KNeighborsClassifier(n_neighbors=1000).fit(x_train, y_train).predict(x_test)
        with open(folder / "predictions.csv") as handle:
            predicted = [int(r["predicted_label"]) for r in csv.DictReader(handle)]
        assert predicted == list(expected)
