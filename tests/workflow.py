"""Helpers to run the real workflow in a temporary copy of the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW_PARTS = [
    "Snakefile",
    "rules",
    "scripts",
    "config",
    "templates",
    "report",
    "profiles",
    "environment.yml",
    "requirements.txt",
    "images",
    "examples",
]
SMALL_CONFIG = ROOT / "tests" / "configs" / "small.yaml"


def copy_workflow(dest: Path, config: Path | None = SMALL_CONFIG) -> Path:
    """Copy what a user clones (no results, no caches) into ``dest``, with ``config`` as
    config/config.yaml (``--configfile`` would merge its cases into the default ones)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in WORKFLOW_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / part)
    if config is not None:
        shutil.copy2(config, dest / "config" / "config.yaml")
    return dest


def snakemake(
    workdir: Path, *args: str, check: bool = True, profile: bool = False, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run Snakemake in ``workdir``; targets must come before --config (it swallows words).

    Without ``profile`` the workflow profile (profiles/default) is switched off, so that
    tests see Snakemake's own defaults; with it, the run is exactly a user's. ``env`` adds
    to the environment.
    """
    cmd = [sys.executable, "-m", "snakemake", *([] if profile else ["--workflow-profile", "none"])]
    cmd += args
    result = subprocess.run(
        cmd,
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"snakemake {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-6000:]}"
        )
    return result


def stopped_before_any_job(workdir: Path, *args: str, label: str = "") -> str:
    """Run Snakemake in ``workdir`` (its config, then ``args``) and check it stopped before any
    job: a non-zero exit, no traceback, no results folder. Returns what it printed, for the
    caller to find the key its error names."""
    result = snakemake(workdir, "--cores", "1", *args, check=False)
    message = result.stdout + result.stderr
    assert result.returncode != 0, label or message[-2000:]
    assert "Traceback" not in message, message[-2000:]
    assert not (workdir / "results").exists()
    return message


def dry_run_jobs(workdir: Path, *args: str, env: dict | None = None) -> dict[str, int]:
    """Jobs a run would execute, per rule, from ``snakemake --dry-run --summary``-free output."""
    out = snakemake(workdir, "--dry-run", "--cores", "1", *args, env=env)
    text = out.stdout + out.stderr
    counts: dict[str, int] = {}
    in_table = False
    for line in text.splitlines():
        parts = line.split()
        if parts[:2] == ["job", "count"]:
            in_table = True
            continue
        if in_table:
            if not parts or parts[0].startswith("-"):
                continue
            if parts[0] == "total":
                break
            counts[parts[0]] = int(parts[1])
    return counts


def output_files(workdir: Path, suffixes=(".csv", ".json")) -> dict[str, bytes]:
    results = workdir / "results"
    return {
        str(p.relative_to(workdir)): p.read_bytes()
        for p in sorted(results.rglob("*"))
        if p.suffix in suffixes and "benchmarks" not in p.parts and "logs" not in p.parts
    }


def read_summary(workdir: Path) -> list[dict]:
    import csv

    with open(workdir / "results" / "summary.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def render_report(workdir: Path, out_dir: Path, **params) -> Path:
    """Run the real report step (scripts/report.py) in this process on the finished run in
    ``workdir``, writing to ``out_dir``, with ``params`` over the rule's defaults."""
    import runpy
    from types import SimpleNamespace

    from digits_hypothesis import datasets

    results = workdir / "results"
    figures = ("test_images.svg", "misclassified.svg")
    splits = [results / "splits" / r["case"] / r["seed"] for r in read_summary(workdir)]
    smk = SimpleNamespace(
        input=SimpleNamespace(
            template=str(workdir / "templates" / "report.html.j2"),
            style=str(workdir / "templates" / "report.css"),
            script=str(workdir / "templates" / "report.js"),
            requirements=str(workdir / "requirements.txt"),
            description=str(results / "data" / "dataset.json"),
            first_digit=str(results / "plots" / "dataset" / "first_digit.svg"),
            first_ten=str(results / "plots" / "dataset" / "first_ten.svg"),
            hypothesis=str(results / "hypothesis.json"),
            summary=str(results / "summary.csv"),
            report_splits=str(results / "report_splits.json"),
            by_digit=str(results / "by_digit.csv"),
            confusion=str(results / "confusion_by_case.csv"),
            accuracy_plot=str(results / "plots" / "accuracy_by_case.svg"),
            confusion_plot=str(results / "plots" / "confusion_by_case.svg"),
            baselines=str(results / "baselines.csv"),
            baselines_by_case=str(results / "baselines_by_case.csv"),
            permutation=[str(p) for p in [results / "permutation.csv"] if p.is_file()],
            split_figures=[str(d / name) for d in splits for name in figures],
            own_predictions=str(results / "own_images" / "predictions.csv"),
            contact_sheet=str(results / "own_images" / "contact_sheet.svg"),
            final_model=str(results / "final_model" / "model.json"),
            # the new writers, when the run tested them (config external)
            **{
                f"new_writers_{name}": [str(path)] if path.is_file() else []
                for name, path in (
                    ("score", results / "external" / "score.json"),
                    ("predictions", results / "external" / "predictions.csv"),
                )
            },
        ),
        output=SimpleNamespace(
            html=str(out_dir / "report.html"), config=str(out_dir / "config_used.yaml")
        ),
        params=SimpleNamespace(
            **{
                "config": {},
                "data": datasets.DIGITS.as_dict(),
                "own_images": "images",
                "analyses": {},
                "per_split": "all",
                "compare_with": None,
                **params,
            }
        ),
        log=[str(out_dir / "report.log")],
    )
    runpy.run_path(str(workdir / "scripts" / "report.py"), init_globals={"snakemake": smk})
    return out_dir / "report.html"
