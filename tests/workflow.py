"""Helpers to run the real workflow in a temporary copy of the repository."""

from __future__ import annotations

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
    "images",
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
    workdir: Path, *args: str, check: bool = True, profile: bool = False
) -> subprocess.CompletedProcess:
    """Run Snakemake in ``workdir``; targets must come before --config (it swallows words).

    Without ``profile`` the workflow profile (profiles/default) is switched off, so that
    tests see Snakemake's own defaults; with it, the run is exactly a user's.
    """
    cmd = [sys.executable, "-m", "snakemake", *([] if profile else ["--workflow-profile", "none"])]
    cmd += args
    result = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=900)
    if check and result.returncode != 0:
        raise AssertionError(
            f"snakemake {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-6000:]}"
        )
    return result


def dry_run_jobs(workdir: Path, *args: str) -> dict[str, int]:
    """Jobs a run would execute, per rule, from ``snakemake --dry-run --summary``-free output."""
    out = snakemake(workdir, "--dry-run", "--cores", "1", *args)
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
