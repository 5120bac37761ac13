import pytest
from workflow import copy_workflow, snakemake


@pytest.fixture(scope="session")
def small_run(tmp_path_factory):
    """The small study, run once with the real Snakemake, shared by the end-to-end tests."""
    workdir = copy_workflow(tmp_path_factory.mktemp("small"))
    snakemake(workdir, "--cores", "2")
    return workdir
