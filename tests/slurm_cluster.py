"""A real single-node Slurm cluster for the tests (tests/slurm/start.sh, stop.sh).

Use the session fixture ``slurm_cluster`` from a test module::

    import slurm_cluster as cluster_helpers

    slurm_cluster = cluster_helpers.slurm_cluster  # makes the fixture visible in this module

It starts munge, slurmctld and slurmd under a pytest temporary directory, yields a
:class:`SlurmCluster` and always stops the daemons afterwards. Without Slurm installed the
tests are skipped, except under CI (``CI=true``), where a missing install step is an error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
START = HERE / "slurm" / "start.sh"
STOP = HERE / "slurm" / "stop.sh"
APT_LINE = "apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge"

# "Job 2 has been submitted with SLURM jobid 17 (log: /x/.snakemake/slurm_logs/rule_a/17.log)."
SUBMITTED_RE = re.compile(r"submitted with SLURM jobid (\d+) \(log: ([^)]+)\)")


@dataclass(frozen=True)
class SlurmCluster:
    """What start.sh reports about the running test cluster."""

    dir: Path
    conf: Path
    partition: str
    node: str
    slurmctld_log: Path
    slurmd_log: Path
    jobcomp_log: Path

    def env(self) -> dict[str, str]:
        """The environment for Slurm clients (sbatch, squeue, snakemake) talking to this cluster."""
        return {**os.environ, "SLURM_CONF": str(self.conf)}

    def jobs(self) -> dict[int, dict[str, str]]:
        """All jobs slurmctld knows, finished ones included (kept for MinJobAge=3600 s).

        Maps job id to its name (Snakemake's run id), state and comment (``rule_<name>`` or
        ``rule_<group>_<rules>``, set by the Snakemake plugin).
        """
        out = subprocess.run(
            ["squeue", "-t", "all", "-h", "-o", "%i|%j|%T|%k"],
            env=self.env(),
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
        jobs = {}
        for line in out.splitlines():
            job_id, name, state, comment = line.split("|", 3)
            jobs[int(job_id)] = {"name": name, "state": state, "comment": comment}
        return jobs

    def job_ids(self) -> set[int]:
        """Ids of all jobs that went through this cluster (``squeue -t all``)."""
        return set(self.jobs())

    def completed_records(self) -> dict[int, dict[str, str]]:
        """Finished jobs as slurmctld's job-completion log (jobcomp/filetxt) records them."""
        records: dict[int, dict[str, str]] = {}
        if not self.jobcomp_log.exists():
            return records
        for line in self.jobcomp_log.read_text().splitlines():
            fields = dict(m.groups() for m in re.finditer(r"(\w+)=(\S*)", line))
            if "JobId" in fields:
                records[int(fields["JobId"])] = fields
        return records


def submitted_jobs(snakemake_log: str) -> dict[int, Path]:
    """Slurm job ids (and their Slurm log paths) that a Snakemake run reported submitting."""
    return {int(job_id): Path(log) for job_id, log in SUBMITTED_RE.findall(snakemake_log)}


def _parse_info(stdout: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in stdout.splitlines() if re.match(r"^[A-Z_]+=", line))


@pytest.fixture(scope="session")
def slurm_cluster(tmp_path_factory):
    """Start the one-node test cluster for the session; always stop it afterwards."""
    if shutil.which("slurmctld") is None or shutil.which("slurmd") is None:
        reason = f"Slurm is not installed (needs: {APT_LINE})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; .ci/run must install it", pytrace=False)
        pytest.skip(reason)
    if os.geteuid() != 0:
        pytest.skip("the test Slurm cluster needs root (munged, slurmd)")

    test_dir = tmp_path_factory.mktemp("slurm")
    env = {**os.environ, "SLURM_TEST_DIR": str(test_dir), "SLURM_TEST_OWNER_PID": str(os.getpid())}
    try:
        started = subprocess.run(
            ["bash", str(START)], env=env, capture_output=True, text=True, timeout=180
        )
        if started.returncode != 0:
            pytest.fail(
                f"tests/slurm/start.sh failed ({started.returncode}):\n{started.stderr}",
                pytrace=False,
            )
        info = _parse_info(started.stdout)
        yield SlurmCluster(
            dir=Path(info["SLURM_TEST_DIR"]),
            conf=Path(info["SLURM_CONF"]),
            partition=info["SLURM_TEST_PARTITION"],
            node=info["SLURM_TEST_NODE"],
            slurmctld_log=Path(info["SLURMCTLD_LOG"]),
            slurmd_log=Path(info["SLURMD_LOG"]),
            jobcomp_log=Path(info["SLURM_JOBCOMP_LOG"]),
        )
    finally:
        subprocess.run(["bash", str(STOP)], env=env, timeout=120, check=False)
