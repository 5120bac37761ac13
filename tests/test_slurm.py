"""Slurm execution: workflows run through a real single-node Slurm cluster.

The cluster (munge, slurmctld, slurmd from Debian) is started by tests/slurm/start.sh through the
``slurm_cluster`` fixture. Snakemake is run with ``--profile profiles/slurm-test``, which is
profiles/slurm plus the overrides the one-machine cluster needs (checked below).

The toy-workflow tests document the harness; the study test runs the real workflow.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest
import slurm_cluster as cluster_helpers
import yaml
from workflow import copy_workflow, output_files

from digits_hypothesis import changes

slurm_cluster = cluster_helpers.slurm_cluster  # the session fixture, visible to this module
submitted_jobs = cluster_helpers.submitted_jobs

REPO = Path(__file__).resolve().parents[1]
PROFILES = REPO / "profiles"
TEST_PROFILE = PROFILES / "slurm-test"

# The keys (flattened with ".") in which profiles/slurm-test may differ from profiles/slurm.
INTENDED_TEST_OVERRIDES = {
    "default-resources.slurm_partition",
    "latency-wait",
    "resources.cpus_per_task",
    "resources.mem_mb",
    "slurm-status-command",
    "slurm-init-seconds-before-status-checks",
    "slurm-no-account",
}
# Keys the auto-loaded workflow profile (profiles/default) must not set: it would override the
# Slurm profile's value (Snakemake gives the workflow profile precedence, key by key).
NOT_IN_DEFAULT_PROFILE = {
    "executor",
    "jobs",
    "cores",
    "default-resources",
    "resources",
    "set-resource-scopes",
    "group-components",
    "latency-wait",
}


def _load(profile: str) -> dict:
    return yaml.safe_load((PROFILES / profile / "config.yaml").read_text())


def test_test_profile_differs_from_real_one_only_where_intended():
    real, test = changes.flatten(_load("slurm")), changes.flatten(_load("slurm-test"))
    differing = {k for k in real.keys() | test.keys() if real.get(k) != test.get(k)}
    assert differing == INTENDED_TEST_OVERRIDES, (
        "profiles/slurm and profiles/slurm-test drifted apart; keep them in step "
        f"(unexpected: {sorted(differing - INTENDED_TEST_OVERRIDES)}, "
        f"missing: {sorted(INTENDED_TEST_OVERRIDES - differing)})"
    )
    assert real["executor"] == "slurm"
    assert test["default-resources.slurm_partition"] == "localtest"  # tests/slurm/slurm.conf.in
    assert test["slurm-status-command"] == "squeue"  # no accounting on the test cluster
    assert "slurm-status-command" not in real  # a real site keeps the plugin's choice


def test_default_profile_does_not_override_slurm_settings():
    default = _load("default")
    assert not NOT_IN_DEFAULT_PROFILE & default.keys()
    for profile in ("slurm", "slurm-test"):
        other = _load(profile)
        clashes = {k for k in default.keys() & other.keys() if default[k] != other[k]}
        assert not clashes, f"profiles/default overrides {sorted(clashes)} of profiles/{profile}"


def run_snakemake(workdir: Path, cluster, *args: str, timeout: int = 300):
    """Run snakemake in workdir; return (returncode, combined output). Keeps a log next to it."""
    cmd = [sys.executable, "-m", "snakemake", *args]
    proc = subprocess.run(
        cmd,
        cwd=workdir,
        env=cluster.env() if cluster else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )
    n = len(list(workdir.parent.glob(f"{workdir.name}.run*.log")))
    (workdir.parent / f"{workdir.name}.run{n}.log").write_text(proc.stdout)
    return proc.returncode, proc.stdout


# --- toy workflows: prove the harness and the profile ------------------------------------------

TOY_SNAKEFILE = textwrap.dedent(
    """
    localrules: all

    SPLITS = [1, 2]

    rule all:
        input:
            expand("fit_{s}.txt", s=SPLITS),
            "summary.txt",
            "extra.txt",

    rule prep:
        output: "data.txt"
        shell: 'echo "$SLURM_JOB_ID" > {output}'

    rule fit:
        input: "data.txt"
        output: "fit_{s}.txt"
        group: "splits"
        shell: 'echo "$SLURM_JOB_ID" > {output}'

    rule summary:
        input: expand("fit_{s}.txt", s=SPLITS)
        output: "summary.txt"
        group: "summary"
        shell: 'echo "$SLURM_JOB_ID" > {output}'

    rule extra:
        output: "extra.txt"
        shell: 'echo "$SLURM_JOB_ID" > {output}'
    """
)
TOY_OUTPUTS = ["data.txt", "fit_1.txt", "fit_2.txt", "summary.txt", "extra.txt"]  # one per job


@pytest.mark.slurm
def test_toy_workflow_runs_through_slurm(slurm_cluster, tmp_path):
    work = tmp_path / "toy"
    work.mkdir()
    (work / "Snakefile").write_text(TOY_SNAKEFILE)
    before = slurm_cluster.job_ids()

    rc, log = run_snakemake(work, slurm_cluster, "--profile", str(TEST_PROFILE))
    assert rc == 0, log

    # Every job ran inside a Slurm job: each output holds the $SLURM_JOB_ID it was written in.
    ran_in = {name: (work / name).read_text().strip() for name in TOY_OUTPUTS}
    assert all(re.fullmatch(r"\d+", job_id) for job_id in ran_in.values()), ran_in
    ids_from_outputs = {int(job_id) for job_id in ran_in.values()}

    # The two `splits` jobs were merged into one submission (group-components in the profile),
    # so 5 jobs took 4 submissions; Snakemake reported exactly those submissions.
    assert ran_in["fit_1.txt"] == ran_in["fit_2.txt"]
    submitted = submitted_jobs(log)
    assert set(submitted) == ids_from_outputs
    assert len(submitted) == 4 < len(TOY_OUTPUTS)

    # slurmctld knows them as new, completed jobs of one Snakemake run, in the test partition.
    jobs = slurm_cluster.jobs()
    assert ids_from_outputs <= jobs.keys() - before
    assert {jobs[i]["state"] for i in ids_from_outputs} == {"COMPLETED"}
    assert len({jobs[i]["name"] for i in ids_from_outputs}) == 1  # the plugin's run id
    assert jobs[int(ran_in["fit_1.txt"])]["comment"].startswith("rule_splits")
    records = slurm_cluster.completed_records()
    assert {records[i]["Partition"] for i in ids_from_outputs} == {slurm_cluster.partition}

    # A second invocation finds everything up to date and submits nothing.
    rc, log = run_snakemake(work, slurm_cluster, "--profile", str(TEST_PROFILE))
    assert rc == 0, log
    assert "Nothing to be done" in log
    assert not submitted_jobs(log)
    assert slurm_cluster.job_ids() == jobs.keys()


FAILING_SNAKEFILE = textwrap.dedent(
    """
    localrules: all

    rule all:
        input: "ok_1.txt", "ok_2.txt", "after_bad.txt"

    rule ok:
        output: "ok_{i}.txt"
        shell: "sleep 2; echo ok > {output}"

    rule bad:
        output: "bad.txt"
        shell: 'echo "deliberate failure in Slurm job $SLURM_JOB_ID" >&2; exit 3'

    rule after_bad:
        input: "bad.txt"
        output: "after_bad.txt"
        shell: "cp {input} {output}"
    """
)


@pytest.mark.slurm
def test_failing_job_reports_its_slurm_log_and_others_finish(slurm_cluster, tmp_path):
    work = tmp_path / "failing"
    work.mkdir()
    (work / "Snakefile").write_text(FAILING_SNAKEFILE)

    rc, log = run_snakemake(work, slurm_cluster, "--profile", str(TEST_PROFILE), "--keep-going")
    assert rc != 0, log

    # The independent jobs finished; the failed job's output and its dependant do not exist.
    assert (work / "ok_1.txt").read_text() == "ok\n"
    assert (work / "ok_2.txt").read_text() == "ok\n"
    assert not (work / "bad.txt").exists()
    assert not (work / "after_bad.txt").exists()

    # The failure names the Slurm job and its log file, which holds the job's own error output.
    submitted = submitted_jobs(log)
    assert len(submitted) == 3, log  # ok_1, ok_2, bad; after_bad never submitted
    bad_id = next(i for i, path in submitted.items() if "rule_bad" in str(path))
    bad_log = submitted[bad_id]
    assert re.search(rf"SLURM-job '{bad_id}' failed", log), log
    assert str(bad_log) in log.split(f"SLURM-job '{bad_id}' failed", 1)[1]
    assert f"deliberate failure in Slurm job {bad_id}" in bad_log.read_text()
    jobs = slurm_cluster.jobs()
    assert jobs[bad_id]["state"] == "FAILED"
    assert {jobs[i]["state"] for i in submitted if i != bad_id} == {"COMPLETED"}


# --- the real workflow ---------------------------------------------------------------------------

LOCAL_RULES = {"all"}  # the target rule has no command: Snakemake finishes it itself
# The light steps of the small study (seconds each): they run on the submitting node.
LIGHT_RULES = {
    "prepare_data",
    "plot_dataset",
    "aggregate",
    "plot_accuracy",
    "plot_confusion",
    "baselines",
    "score_new_writers",
    "read_own_images",
    "draw_contact_sheet",
    "report",
}


def planned_submissions(workdir: Path, cluster) -> tuple[Counter, Counter, int]:
    """What a run with the test profile will submit, from its dry run: the group jobs (one per
    "Group job NAME" block, counted per group name), the rules submitted on their own, and the
    number of jobs in all. No rule names of the workflow are assumed here."""
    rc, log = run_snakemake(workdir, cluster, "--profile", str(TEST_PROFILE), "--dry-run")
    assert rc == 0, log[-6000:]
    groups = Counter(re.findall(r"\] Group job (\S+) \(jobs in", log))
    singles = Counter(re.findall(r"^rule (\S+):$", log, flags=re.MULTILINE))
    for rule in LOCAL_RULES:
        del singles[rule]
    table = log[log.index("Job stats:") :]
    n_jobs = int(re.search(r"^total\s+(\d+)$", table, flags=re.MULTILINE).group(1))
    return groups, singles, n_jobs - len(LOCAL_RULES)


@pytest.mark.slurm
def test_small_study_on_slurm_matches_a_local_run(slurm_cluster, tmp_path):
    on_slurm = copy_workflow(tmp_path / "slurm")
    local = copy_workflow(tmp_path / "local")
    groups, singles, n_jobs = planned_submissions(on_slurm, slurm_cluster)
    # The workflow groups its many per-split jobs into few submissions.
    assert groups["splits"] >= 1 and set(groups) == {"splits"}, groups
    before = slurm_cluster.job_ids()

    # The same study locally (its own copy, so no other test's run can disturb the comparison),
    # alongside the Slurm run, which spends most of its time waiting for status checks.
    local_run = subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--cores", "2"],
        cwd=local,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        rc, log = run_snakemake(on_slurm, slurm_cluster, "--profile", str(TEST_PROFILE))
        local_log, _ = local_run.communicate(timeout=600)
    finally:
        if local_run.poll() is None:
            local_run.kill()
            local_run.wait()
    (tmp_path / "local.run0.log").write_text(local_log)
    assert rc == 0, log[-6000:]
    assert local_run.returncode == 0, local_log[-6000:]
    # The workflow profile profiles/default was loaded on top of the Slurm profile.
    assert "workflow specific profile profiles/default" in log

    # Same numbers from Slurm as from a local run, byte for byte.
    slurm_outputs, local_outputs = output_files(on_slurm), output_files(local)
    assert len(local_outputs) >= 5 and "results/summary.csv" in local_outputs
    assert slurm_outputs.keys() == local_outputs.keys()
    differing = [name for name in local_outputs if slurm_outputs[name] != local_outputs[name]]
    assert not differing

    # The light steps ran on the submitting node; every other job went through Slurm, as
    # planned: one submission per group job and per heavy ungrouped job (Slurm's job comment
    # is rule_<rule> or rule_<group>_<rules>), far fewer than the jobs.
    local = Counter(re.findall(r"^localrule (\S+):$", log, flags=re.MULTILINE))
    assert set(local) == LIGHT_RULES | LOCAL_RULES, local
    heavy = singles - local
    assert set(heavy) == {"train_final_model", "prepare_new_writers", "read_new_writers"}, heavy
    submitted = submitted_jobs(log)
    jobs = slurm_cluster.jobs()
    assert submitted.keys() <= jobs.keys() - before
    assert {jobs[i]["state"] for i in submitted} == {"COMPLETED"}
    comments = [jobs[i]["comment"].removeprefix("rule_") for i in submitted]
    assert not LIGHT_RULES & set(comments)
    assert Counter(c for c in comments if c in singles) == heavy
    assert Counter(g for c in comments for g in groups if c.startswith(f"{g}_")) == groups
    assert len(submitted) == sum(groups.values()) + sum(heavy.values()) < n_jobs
    assert log.count("Finished jobid") == n_jobs + len(LOCAL_RULES)

    # A second invocation submits nothing.
    rc, log = run_snakemake(on_slurm, slurm_cluster, "--profile", str(TEST_PROFILE))
    assert rc == 0, log[-6000:]
    assert "Nothing to be done" in log
    assert not submitted_jobs(log)
    assert slurm_cluster.job_ids() == jobs.keys()
