"""Benchmark: the Snakemake workflow against the one-process reference, side by side.

    python bench/run.py            # everything (about 30 min on 2 cores)
    python bench/run.py --quick    # 1 repetition, no 1,000-split study (a few minutes)

Runs alternate (DAG --cores 2, DAG --cores 4, reference, then again ...) so that a noisy
machine hurts both sides alike; medians and ratios are printed, written to
bench/results.json and to the table in bench/README.md. Timings never go into tests.
"""

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
from workflow import copy_workflow, dry_run_jobs, output_files  # noqa: E402

OUT = BENCH / "out"
SNAKEMAKE = [sys.executable, "-m", "snakemake", "--workflow-profile", "none"]


def timed(cmd, cwd) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed in {cwd}:\n{result.stderr[-3000:]}")
    return elapsed


def clean(workdir: Path) -> None:
    for name in ("results", ".snakemake"):
        shutil.rmtree(workdir / name, ignore_errors=True)


def study_copy(name: str, config: dict) -> Path:
    path = OUT / name
    shutil.rmtree(path, ignore_errors=True)
    copy_workflow(path, config=None)
    (path / "config" / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def default_config() -> dict:
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    config["analyses"] = []  # the hypothesis study: what the reference reproduces
    return config


def cold(config: dict, reps: int, variants: dict) -> dict:
    """Alternating cold runs of each variant; returns all times per variant."""
    dirs = {name: study_copy(f"cold-{name}", config) for name in variants}
    times = {name: [] for name in variants}
    for _ in range(reps):
        for name, cmd in variants.items():
            clean(dirs[name])
            times[name].append(timed(cmd, dirs[name]))
            print(f"  {name}: {times[name][-1]:.1f} s", flush=True)
    return times, dirs


FLOOR = """N = {n_jobs}


rule all:
    input:
        expand("out/{{i}}.txt", i=range(N)),


rule one:
    output:
        "out/{{i}}.txt",
    shell:
        "touch {{output}}"
"""


def floor_snakefile(n_jobs: int) -> Path:
    """Snakemake's own floor: a trivial workflow with the same number of jobs."""
    path = OUT / "floor"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    (path / "Snakefile").write_text(FLOOR.format(n_jobs=n_jobs))
    timed(SNAKEMAKE + ["--cores", "2"], path)
    return path


def noop(dag_dir: Path, reps: int) -> dict:
    n_jobs = sum(dry_run_jobs(dag_dir, "--forceall").values())
    floor = floor_snakefile(n_jobs)
    times = {"dag": [], "floor": []}
    for _ in range(reps):
        times["dag"].append(timed(SNAKEMAKE + ["--cores", "2"], dag_dir))
        times["floor"].append(timed(SNAKEMAKE + ["--cores", "2"], floor))
    return {"jobs": n_jobs, **times}


INCREMENTAL = {
    "threshold": (["--config", 'hypothesis={"threshold": 0.96}'], None),
    "template": ([], "templates/report.html.j2"),
    "one case's seeds": (
        ["--config", 'cases={"test_25": {"test_size": 0.25, "repeats": 11}}'],
        None,
    ),
    "a plot script": ([], "scripts/plot.py"),
}


def incremental(dag_dir: Path) -> dict:
    results = {}
    for label, (args, edited) in INCREMENTAL.items():
        original = (dag_dir / edited).read_text() if edited else None
        if edited:
            (dag_dir / edited).write_text(original + "\n# an edit\n")
        jobs = dry_run_jobs(dag_dir, *args)
        seconds = timed(SNAKEMAKE + ["--cores", "2", *args], dag_dir)
        results[label] = {
            "jobs": sum(jobs.values()) - jobs.get("all", 0),
            "rules": sorted(set(jobs) - {"all"}),
            "seconds": seconds,
        }
        if edited:
            (dag_dir / edited).write_text(original)
        timed(SNAKEMAKE + ["--cores", "2"], dag_dir)  # back to the default study
        print(f"  {label}: {results[label]['jobs']} jobs, {seconds:.1f} s", flush=True)
    return results


def scale_config(seeds: int) -> dict:
    config = default_config()
    config["cases"] = {
        f"test_{int(s * 100)}": {"test_size": s, "repeats": seeds}
        for s in (0.1, 0.25, 0.5, 0.7, 0.9)
    }
    config["batch_size"] = 50
    return config


def peak_memory(dag_dir: Path) -> dict:
    worst = {"max_rss_mb": 0.0}
    for tsv in (dag_dir / "results" / "benchmarks").rglob("*.tsv"):
        header, row = tsv.read_text().splitlines()[:2]
        record = dict(zip(header.split("\t"), row.split("\t")))
        rss = float(record["max_rss"]) if record["max_rss"] != "NA" else 0.0
        if rss > worst["max_rss_mb"]:
            worst = {
                "job": str(tsv.relative_to(dag_dir / "results" / "benchmarks")),
                "max_rss_mb": rss,
            }
    return worst


def median(values):
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description="DAG vs one-process reference")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--scale-reps", type=int, default=1)
    parser.add_argument("--scale-seeds", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="1 rep, no 1,000-split study")
    args = parser.parse_args()
    reps = 1 if args.quick else args.reps
    reference = [sys.executable, str(BENCH / "reference.py")]
    report = {"machine": machine()}

    print("1. cold default study", flush=True)
    variants = {
        "dag_cores2": SNAKEMAKE + ["--cores", "2"],
        "dag_cores4": SNAKEMAKE + ["--cores", "4"],
        "reference": reference,
    }
    times, dirs = cold(default_config(), reps, variants)
    same = output_files(dirs["dag_cores2"]) == output_files(dirs["reference"])
    report["cold"] = {"times": times, "identical_csv_json": same}

    print("2. no-op re-run", flush=True)
    report["noop"] = noop(dirs["dag_cores2"], max(reps, 3))

    print("3. incremental runs", flush=True)
    report["incremental"] = incremental(dirs["dag_cores2"])
    report["peak_memory"] = peak_memory(dirs["dag_cores2"])

    if not args.quick:
        print(f"4. scale: 5 cases x {args.scale_seeds} seeds", flush=True)
        config = scale_config(args.scale_seeds)
        dag_dir = study_copy("scale-dag", config)
        start = time.perf_counter()
        dry = dry_run_jobs(dag_dir)
        report["scale"] = {
            "splits": 5 * args.scale_seeds,
            "dry_run_s": time.perf_counter() - start,
            "jobs": sum(dry.values()),
        }
        scale_times, _ = cold(
            config, args.scale_reps, {"dag_cores2": variants["dag_cores2"], "reference": reference}
        )
        report["scale"]["times"] = scale_times

    publish(report, "results", render_table(report))


def publish(report: dict, name: str, table: str) -> None:
    """Print the table; write the results to bench/{name}.json and the table into
    bench/README.md between the markers <!-- {name} --> and <!-- /{name} -->."""
    (BENCH / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
    print(table)
    readme = BENCH / "README.md"
    text = readme.read_text()
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    readme.write_text(
        text[: text.index(start) + len(start)] + "\n" + table + text[text.index(end) :]
    )


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": __import__("os").cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
    }


def render_table(r: dict) -> str:
    cold, noop = r["cold"]["times"], r["noop"]
    ref = median(cold["reference"])
    lines = [
        f"Machine: {r['machine']['cpus']} CPUs, {r['machine']['platform']}, Python "
        f"{r['machine']['python']}, {r['machine']['date']}. Medians of "
        f"{len(cold['reference'])} alternating runs.",
        "",
        "| measurement | DAG | reference | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for cores in (2, 4):
        dag = median(cold[f"dag_cores{cores}"])
        target = "<= 0.9" if cores == 2 else "–"
        lines.append(
            f"| cold default study, `--cores {cores}` | {dag:.1f} s | {ref:.1f} s | "
            f"{dag / ref:.2f} | {target} |"
        )
    lines.append(
        f"| no-op re-run ({noop['jobs']} jobs) vs trivial Snakefile | "
        f"{median(noop['dag']):.2f} s | {median(noop['floor']):.2f} s | "
        f"{median(noop['dag']) / median(noop['floor']):.2f} | <= 1.2 |"
    )
    if "scale" in r:
        s = r["scale"]
        dag, refs = median(s["times"]["dag_cores2"]), median(s["times"]["reference"])
        lines.append(
            f"| {s['splits']} splits ({s['jobs']} jobs), `--cores 2` | {dag:.0f} s | "
            f"{refs:.0f} s | {dag / refs:.2f} | <= 0.75 |"
        )
        lines.append(
            f"| {s['splits']}-split dry run (DAG building) | {s['dry_run_s']:.1f} s | – "
            f"| – | <= 4 s |"
        )
    lines += ["", "| incremental change | jobs run | rules | wall time |", "|---|---|---|---|"]
    for label, inc in r["incremental"].items():
        lines.append(
            f"| {label} | {inc['jobs']} | {', '.join(inc['rules'])} | {inc['seconds']:.1f} s |"
        )
    mem = r["peak_memory"]
    lines += [
        "",
        f"Peak memory of the biggest job: {mem['max_rss_mb']:.0f} MB ({mem.get('job')}).",
        f"DAG and reference CSV/JSON outputs identical: {r['cold']['identical_csv_json']}.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
