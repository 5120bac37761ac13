"""Benchmark: how the workflow scales to studies of thousands of splits, in one run.

    python bench/scale.py                  # dry runs, the Slurm plan, a real 1,000-split run
    python bench/scale.py --ten-thousand   # also a real 10,000-split run (about an hour here)

Each study is the hypothesis study alone (no extra analyses) with five cases of equal seed
counts and `batch_size: 50`, the per-split figures drawn for the splits the report shows
(`plots.per_split: report`) unless said otherwise. Prints, and writes to bench/scale.json and
the table in bench/README.md: the dry-run time and peak memory at 1,000 and 10,000 splits,
how many Slurm jobs a 10,000-split study submits with profiles/slurm, and the wall time, the
report's size and the report job's peak memory of a real run. Timings never go into tests.
"""

import argparse
import os
import re
import subprocess
import time
from pathlib import Path

from run import SNAKEMAKE, machine, publish, scale_config, study_copy

BENCH = Path(__file__).resolve().parent
CASES = 5


def measured(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory (MB) of the process, and its output."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{output[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, output


def study(splits: int, per_split: str = "report") -> Path:
    config = scale_config(splits // CASES)
    config["plots"]["per_split"] = per_split
    return study_copy(f"scale-{splits}-{per_split}", config)


def dry_run(splits: int, per_split: str = "report") -> dict:
    seconds, peak, _ = measured(SNAKEMAKE + ["--dry-run", "--cores", "1"], study(splits, per_split))
    print(f"  {splits} splits, per_split {per_split}: {seconds:.1f} s, {peak:.0f} MB", flush=True)
    return {"splits": splits, "per_split": per_split, "seconds": seconds, "peak_mb": peak}


def local_rules(workdir: Path) -> set[str]:
    """The rules named by the workflow's `localrules:` directives, and `all` (no command).
    A dry run cannot tell (it runs every job locally); tests/test_slurm.py checks on a real
    cluster that exactly these are not submitted."""
    found = {"all"}
    for smk in (workdir / "rules").glob("*.smk"):
        for block in re.findall(r"^localrules:\n((?:    \w+,\n)+)", smk.read_text(), re.M):
            found.update(name.strip(" ,") for name in block.splitlines())
    return found


def slurm_plan(splits: int) -> dict:
    """Jobs Snakemake would submit with profiles/slurm, from its dry run: one per group job
    and one per job outside a group, but none for local rules."""
    workdir = study(splits)
    cmd = SNAKEMAKE + ["--profile", str(workdir / "profiles" / "slurm"), "--dry-run"]
    _, _, log = measured(cmd, workdir)
    groups = re.findall(r"\] Group job (\S+) \(jobs in", log)
    outside = re.findall(r"^rule (\S+):$", log, flags=re.MULTILINE)
    local = local_rules(workdir)
    alone = [rule for rule in outside if rule not in local]
    total = int(re.search(r"^total\s+(\d+)$", log, flags=re.MULTILINE).group(1))
    plan = {
        "splits": splits,
        "jobs": total,
        "submissions": len(groups) + len(alone),
        "group_jobs": len(groups),
        "rules_submitted_alone": sorted(alone),
        "local_jobs": len(outside) - len(alone),
    }
    print(f"  {splits} splits: {plan}", flush=True)
    return plan


def real_run(splits: int) -> dict:
    workdir = study(splits)
    seconds, _, _ = measured(SNAKEMAKE + ["--cores", "2"], workdir)
    noop, _, _ = measured(SNAKEMAKE + ["--cores", "2"], workdir)
    results = workdir / "results"
    report = results / "report.html"
    run = {
        "splits": splits,
        "seconds": seconds,
        "noop_seconds": noop,
        "report_mb": report.stat().st_size / 1e6,
        "report_job_peak_mb": max_rss(results / "benchmarks" / "report.tsv"),
        "biggest_job": max(
            (
                (max_rss(t), str(t.relative_to(results)))
                for t in results.rglob("benchmarks/**/*.tsv")
            ),
        ),
        "browser_load_s": browser_load(report),
    }
    print(f"  {splits} splits: {run}", flush=True)
    return run


def max_rss(tsv: Path) -> float:
    header, row = tsv.read_text().splitlines()[:2]
    value = dict(zip(header.split("\t"), row.split("\t")))["max_rss"]
    return 0.0 if value == "NA" else float(value)


def browser_load(report: Path) -> float | None:
    """Seconds until headless Chromium has loaded the report (None without Chromium)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    args = ["--headless", "--no-sandbox", "--disable-gpu"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(report.as_uri(), wait_until="load")
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


def render(r: dict) -> str:
    lines = [
        f"Machine: {r['machine']['cpus']} CPUs, Python {r['machine']['python']}, "
        f"{r['machine']['date']}. Five cases, `batch_size: 50`, no extra analyses.",
        "",
        "| measurement | value | target |",
        "|---|---|---|",
    ]
    targets = {1000: "<= 4 s", 10000: "<= 20 s, <= 400 MB"}
    for d in r["dry_runs"]:
        target = targets.get(d["splits"], "–") if d["per_split"] == "report" else "–"
        lines.append(
            f"| dry run, {d['splits']} splits, `per_split: {d['per_split']}` | "
            f"{d['seconds']:.1f} s, {d['peak_mb']:.0f} MB | {target} |"
        )
    s = r["slurm"]
    lines.append(
        f"| Slurm submissions, {s['splits']} splits ({s['jobs']} jobs) | {s['submissions']} "
        f"({s['group_jobs']} group jobs + {', '.join(s['rules_submitted_alone'])}) | a handful |"
    )
    for run in r["runs"]:
        n = run["splits"]
        lines += [
            f"| real run, {n} splits, `--cores 2` | {run['seconds']:.0f} s | – |",
            f"| no-op re-run, {n} splits | {run['noop_seconds']:.1f} s | "
            f"{'<= 30 s' if n >= 10000 else '–'} |",
            f"| report, {n} splits | {run['report_mb']:.1f} MB, job peak "
            f"{run['report_job_peak_mb']:.0f} MB | <= 10 MB, <= 500 MB |",
        ]
        if run["browser_load_s"] is not None:
            lines.append(
                f"| report opens in headless Chromium, {n} splits | "
                f"{run['browser_load_s']:.1f} s | < 5 s |"
            )
        lines.append(
            f"| biggest job, {n} splits | {run['biggest_job'][0]:.0f} MB "
            f"({run['biggest_job'][1]}) | – |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ten-thousand", action="store_true", help="also run 10,000 splits")
    args = parser.parse_args()
    report = {"machine": machine()}
    print("1. dry runs", flush=True)
    report["dry_runs"] = [dry_run(1000), dry_run(10000), dry_run(10000, "all")]
    print("2. Slurm plan", flush=True)
    report["slurm"] = slurm_plan(10000)
    print("3. real runs", flush=True)
    report["runs"] = [real_run(n) for n in ((1000, 10000) if args.ten_thousand else (1000,))]

    publish(report, "scale", render(report))


if __name__ == "__main__":
    main()
