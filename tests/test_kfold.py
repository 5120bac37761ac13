"""Repeated (stratified) k-fold cases: each fold a split of the study, numbered j = repeat *
k + fold, tested with the corrected resampled t at n_test / n_train = 1 / (k - 1)."""

import csv
import json
import math

import numpy as np
import pytest
import yaml
from scipy import stats as sp
from sklearn.datasets import load_iris
from sklearn.model_selection import RepeatedKFold, RepeatedStratifiedKFold, train_test_split
from workflow import ROOT, copy_workflow, read_summary, snakemake, stopped_before_any_job

from digits_hypothesis import baselines, comparison, datasets, fitting, power, settings, study
from digits_hypothesis.exceptions import ConfigError

CONFIG = ROOT / "tests" / "configs" / "kfold.yaml"
STUDY = yaml.safe_load(CONFIG.read_text())
K, R, SEED = 5, 2, 0  # cases.cv5x2


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    workdir = copy_workflow(tmp_path_factory.mktemp("kfold"), config=CONFIG)
    snakemake(workdir, "--cores", "2")
    return workdir


def direct_folds():
    iris = load_iris()
    splitter = RepeatedStratifiedKFold(n_splits=K, n_repeats=R, random_state=SEED)
    return list(splitter.split(iris.data, iris.target))


def fold_rows(workdir, case, seed) -> list[int]:
    path = workdir / "results" / "splits" / case / str(seed) / "predictions.csv"
    with open(path, newline="") as handle:
        return [int(row["sample_index"]) for row in csv.DictReader(handle)]


def test_every_fold_is_a_split_with_the_test_rows_of_repeated_stratified_kfold(run):
    for j, (_, test) in enumerate(direct_folds()):
        assert fold_rows(run, "cv5x2", j) == test.tolist()
        for name in ("model.skops", "score.json"):
            assert (run / "results" / "splits" / "cv5x2" / str(j) / name).is_file()
    assert not (run / "results" / "splits" / "cv5x2" / str(K * R)).exists()
    # the test-size case beside it is split as before
    target = load_iris().target
    for seed in range(3):
        _, test = train_test_split(np.arange(len(target)), test_size=0.5, random_state=seed)
        assert fold_rows(run, "half", seed) == test.tolist()


def test_the_folds_of_each_repeat_partition_the_rows(run):
    for repeat in range(R):
        rows = [i for fold in range(K) for i in fold_rows(run, "cv5x2", repeat * K + fold)]
        assert sorted(rows) == list(range(150))


def test_the_case_is_judged_by_the_corrected_t_with_one_over_k_minus_one(run):
    hypothesis = json.loads((run / "results" / "hypothesis.json").read_text())
    case = hypothesis["cases"]["cv5x2"]
    rows = [r for r in read_summary(run) if r["case"] == "cv5x2"]
    assert [int(r["seed"]) for r in rows] == list(range(K * R))
    assert all(r["test_size"] == "" for r in rows)
    accuracies = np.array([float(r["accuracy"]) for r in rows])
    scale = math.sqrt((1 / len(accuracies) + 1 / (K - 1)) * accuracies.var(ddof=1))
    t = (accuracies.mean() - STUDY["hypothesis"]["threshold"]) / scale
    assert case["t"] == pytest.approx(t, rel=1e-12)
    assert case["dof"] == K * R - 1
    assert case["p_supported"] == pytest.approx(sp.t.sf(t, K * R - 1), rel=1e-9)
    half = sp.t.ppf(0.975, K * R - 1) * scale
    assert case["ci_low"] == pytest.approx(max(accuracies.mean() - half, 0), rel=1e-9)
    assert case["ci_high"] == pytest.approx(min(accuracies.mean() + half, 1), rel=1e-9)
    assert (case["test_size"], case["folds"], case["repeats"]) == (None, K, R)
    # a test-size case's entry keeps its keys
    assert "folds" not in hypothesis["cases"]["half"]
    assert hypothesis["cases"]["half"]["test_size"] == 0.5


def test_the_baselines_and_the_permutation_test_use_the_same_folds(run):
    folds = direct_folds()
    with open(run / "results" / "baselines.csv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["case"] == "cv5x2"]
    assert len(rows) == 2 * K * R
    for row in rows:
        train, test = folds[int(row["seed"])]
        assert (int(row["n_test"]), int(row["n_train"])) == (len(test), len(train))
    with open(run / "results" / "permutation.csv", newline="") as handle:
        permuted = {r["case"]: r for r in csv.DictReader(handle)}
    assert (permuted["cv5x2"]["seed"], permuted["cv5x2"]["n_test"]) == ("0", "30")
    batch = baselines.permutation_batches(
        study.normalise_cases(STUDY["cases"]), {"permutations": 1}
    )
    batch = batch["cv5x2__permutations_0_0"]
    target = load_iris().target
    train, test = fitting.split(
        target, batch["test_size"], batch["seed"], batch["stratify"], fitting.kfold_of(batch)
    )
    assert test.tolist() == folds[0][1].tolist() and train.tolist() == folds[0][0].tolist()


def test_the_comparison_fits_the_same_folds(run):
    with open(run / "results" / "comparison.csv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["model"] == "knn"]
    assert [int(r["seed"]) for r in rows] == list(range(K * R))
    assert [int(r["n_test"]) for r in rows] == [len(test) for _, test in direct_folds()]


def test_the_report_names_the_case_by_its_folds_and_explains_its_seeds(run):
    page = (run / "results" / "report.html").read_text()
    assert "5-fold × 2 (stratified)" in page
    assert "seed is the split's number j = repeat × k + fold" in page
    assert "1/(k − 1)" in page
    # the power section says how it treats the case
    assert "cv5x2 (a repeated k-fold case): here its test size is its smallest" in page


def test_fitting_split_is_the_jth_split_of_the_repeated_splitter():
    target = load_iris().target
    for stratify, kind in ((True, RepeatedStratifiedKFold), (False, RepeatedKFold)):
        direct = list(kind(n_splits=3, n_repeats=2, random_state=7).split(target, target))
        for j, (train, test) in enumerate(direct):
            ours = fitting.split(target, None, j, stratify, (3, 2, 7))
            assert ours[0].tolist() == train.tolist() and ours[1].tolist() == test.tolist()


def test_split_records_of_a_kfold_case_carry_its_folds_and_others_do_not():
    cases = study.normalise_cases(STUDY["cases"])
    assert cases["cv5x2"]["seeds"] == list(range(K * R))
    records = study.split_records(study.all_splits(cases))
    assert records[0] == {
        "case": "cv5x2", "seed": 0, "test_size": None, "stratify": True,
        "folds": K, "repeats": R, "random_state": SEED,
    }  # fmt: skip
    assert set(records[-1]) == {"case", "seed", "test_size", "stratify"}
    assert fitting.kfold_of(records[0]) == (K, R, SEED) and fitting.kfold_of(records[-1]) is None
    # seed batching applies to the split numbers
    assert list(study.batches(study.all_splits(cases), 4))[:3] == [
        "cv5x2__seeds_0_3", "cv5x2__seeds_4_7", "cv5x2__seeds_8_11",
    ]  # fmt: skip
    assert study.case_text(cases["cv5x2"]) == "5-fold × 2 (stratified)"
    assert power.case_sizes(cases, 150) == {"cv5x2": 30, "half": 75}
    tasks = comparison.tasks("knn", {"estimator": "knn"}, records[:1])
    assert tasks[0].kfold == (K, R, SEED)


def test_stratified_folds_must_fit_the_smallest_class():
    iris = datasets.SKLEARN["iris"]
    settings.check_folds(50, "cases.cv.folds", True, iris)
    with pytest.raises(ConfigError, match="cases.cv.folds.*only 50"):
        settings.check_folds(51, "cases.cv.folds", True, iris)
    settings.check_folds(150, "cases.cv.folds", False, iris)
    with pytest.raises(ConfigError, match="cases.cv.folds"):
        settings.check_folds(151, "cases.cv.folds", False, iris)


def kfold_config(**case):
    config = yaml.safe_load(CONFIG.read_text())
    config["analyses"] = []
    del config["comparison"], config["power"]
    config["cases"]["cv5x2"] = case
    return config


BAD = [
    ("folds 1", kfold_config(folds=1, repeats=2), "cases.cv5x2.folds"),
    ("folds above the smallest class", kfold_config(folds=51, repeats=1, stratify=True),
     "cases.cv5x2.folds': stratified 51-fold"),
    ("repeats 0", kfold_config(folds=5, repeats=0), "cases.cv5x2.repeats"),
    ("folds without repeats", kfold_config(folds=5), "cases.cv5x2"),
    ("test_size and folds", kfold_config(folds=5, repeats=2, test_size=0.5),
     "cases.cv5x2.test_size"),
    ("seeds and folds", kfold_config(folds=5, repeats=2, seeds=[0]), "cases.cv5x2.seeds"),
    ("seed without folds", kfold_config(test_size=0.5, repeats=2, seed=3), "cases.cv5x2.seed"),
    ("negative seed", kfold_config(folds=5, repeats=2, seed=-1), "cases.cv5x2.seed"),
]  # fmt: skip


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return copy_workflow(tmp_path_factory.mktemp("kfold-config"), config=None)


@pytest.mark.parametrize(("label", "config", "key"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_kfold_case_stops_before_any_job_and_names_the_key(workdir, label, config, key):
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    message = stopped_before_any_job(workdir, label=label)
    assert "Invalid config key" in message
    assert key in message, message[-2000:]


def test_a_kfold_case_given_with_config_gets_the_schema_types():
    # Snakemake hands nested --config values over as strings (tests/test_config.py)
    schema = yaml.safe_load((ROOT / "config" / "schema.yaml").read_text())
    given = {"cases": {"cv": {"folds": "5", "repeats": "2", "stratify": "true", "seed": "3"}}}
    retyped = settings.retype_command_line(given, given, schema)
    assert retyped["cases"]["cv"] == {"folds": 5, "repeats": 2, "stratify": True, "seed": 3}
