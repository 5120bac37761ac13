"""Large studies: which splits the report shows in detail, and a report that stays small."""

import json
import re
import shutil
from pathlib import Path

from workflow import dry_run_jobs, read_summary, snakemake

from digits_hypothesis import split_details


def score(case, seed, accuracy, verdict="supported"):
    return {"case": case, "seed": seed, "accuracy": accuracy, "verdict": verdict}


def test_a_study_within_the_limit_shows_every_split():
    scores = [score("a", s, 0.9) for s in range(5)]
    assert split_details.select(scores, 5) == scores


def test_a_larger_study_shows_worst_and_best_of_each_case_then_the_unsupported():
    scores = [
        score("a", 0, 0.97),
        score("a", 1, 0.91, "inconclusive"),  # worst of a, and unsupported
        score("a", 2, 0.99),  # best of a
        score("a", 3, 0.93, "inconclusive"),
        score("b", 0, 0.98),  # best of b (tie with seed 2: the later seed)
        score("b", 1, 0.95),  # worst of b
        score("b", 2, 0.98),
        score("b", 3, 0.96, "refuted"),
        score("b", 4, 0.97, "inconclusive"),
    ]
    by_key = {(s["case"], s["seed"]): s for s in scores}
    # worst/best: a1, a2, b1, b2; then unsupported worst first: a1 (taken), a3, b3, b4
    assert split_details.select(scores, 6) == [
        by_key[k] for k in [("a", 1), ("a", 2), ("a", 3), ("b", 1), ("b", 2), ("b", 3)]
    ]
    assert split_details.select(scores, 4) == [
        by_key[k] for k in [("a", 1), ("a", 2), ("b", 1), ("b", 2)]
    ]


def test_files_are_found_by_their_split_folder():
    paths = ["results/splits/a/0/x.png", "results/splits/a/10/x.png", "r/splits/b/0/y.csv"]
    assert split_details.by_split(paths) == {
        ("a", 0): {"x.png": paths[0]},
        ("a", 10): {"x.png": paths[1]},
        ("b", 0): {"y.csv": paths[2]},
    }


def test_a_large_study_reports_the_splits_that_matter_and_draws_only_them(small_run, tmp_path):
    work = tmp_path / "large"
    shutil.copytree(small_run, work, symlinks=True)
    args = [
        "--config",
        'plots={"gallery_size": 12, "per_split": "report"}',
        'report={"detailed_splits": 4}',
    ]
    jobs = dry_run_jobs(work, *args)
    assert set(jobs) == {
        "aggregate",
        "plot_accuracy",
        "plot_confusion",
        "plot_report_splits",
        "report",
        "all",
    }
    snakemake(work, "--cores", "2", *args)

    rows = [
        {"case": r["case"], "seed": int(r["seed"]), "accuracy": float(r["accuracy"])}
        for r in read_summary(work)
    ]
    shown = json.loads((work / "results" / "report_splits.json").read_text())
    assert len(shown) == 4 and len(rows) == 6
    # every case's worst split is shown (3 cases; the limit leaves room for 1 more)
    for case in {r["case"] for r in rows}:
        worst = min(
            (r for r in rows if r["case"] == case), key=lambda r: (r["accuracy"], r["seed"])
        )
        assert (case, worst["seed"]) in {(s["case"], s["seed"]) for s in shown}
    drawn = sorted(
        p.relative_to(work / "results" / "report_splits")
        for p in (work / "results" / "report_splits").rglob("*.svg")
    )
    assert drawn == sorted(
        Path(s["case"], str(s["seed"]), name)
        for s in shown
        for name in ("test_images.svg", "confusion_matrix.svg", "misclassified.svg")
    )

    html = (work / "results" / "report.html").read_text()
    assert html.count('<details id="split-') == len(shown) >= 4
    # two figures per shown split, the accuracy plot, the cases' confusion matrices, two
    # data-set plots, the contact sheet
    assert html.count('src="data:image/svg+xml;charset=utf-8,') == 2 * len(shown) + 5
    compact = html[html.index('<table class="compact"') :]
    assert len(re.findall(r"<tr data-case=\"\w+\" data-verdict=\"\w+\"><th", compact)) == len(rows)
    for link in re.findall(r'<a href="([^"]+)/">', html):
        assert (work / "results" / link).is_dir(), link


def test_without_split_figures_the_report_still_lists_every_split(small_run, tmp_path):
    work = tmp_path / "none"
    shutil.copytree(small_run, work, symlinks=True)
    args = ["--config", 'plots={"gallery_size": 12, "per_split": "none"}']
    assert set(dry_run_jobs(work, *args)) == {"report", "all"}
    snakemake(work, "--cores", "2", *args)
    html = (work / "results" / "report.html").read_text()
    # the study's figures only: accuracy and confusion by case, two data-set figures, own images
    assert html.count('src="data:image/svg+xml;charset=utf-8,') == 5
    assert html.count("Classification report") == 6
