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
