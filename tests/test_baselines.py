"""Against chance: the baselines (scikit-learn's dummy classifiers on the study's splits) and
the optional permutation test, each checked against a direct scikit-learn or scipy
computation on a real run."""

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy import stats
from sklearn.datasets import load_digits, load_iris
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import permutation_test_score, train_test_split
from statsmodels.stats.proportion import proportion_confint
from workflow import copy_workflow, dry_run_jobs, snakemake, stopped_before_any_job

from digits_hypothesis import models

STRATEGIES = ["most_frequent", "stratified"]
# The small study's splits (tests/configs/small.yaml): {case: (test_size, stratify)}.
SMALL = {"original": (0.01, False), "half": (0.5, False), "strat": (300, True)}


def direct_dummy_accuracy(target, test_size, seed, stratify, strategy):
    train, test = train_test_split(
        np.arange(len(target)),
        test_size=test_size,
        random_state=seed,
        stratify=target if stratify else None,
    )
    features = np.zeros((len(target), 1))  # a dummy reads no feature
    dummy = DummyClassifier(strategy=strategy, random_state=seed)
    predicted = dummy.fit(features[train], target[train]).predict(features[test])
    return (predicted == target[test]).mean(), len(test), len(train)


@pytest.mark.parametrize(("case", "seed"), [("half", 1), ("strat", 0), ("original", 0)])
def test_a_baseline_is_a_direct_dummy_fit_on_the_same_split(small_run, case, seed):
    target = load_digits().target
    rows = pd.read_csv(small_run / "results" / "baselines.csv")
    test_size, stratify = SMALL[case]
    for strategy in STRATEGIES:
        row = rows[(rows.case == case) & (rows.seed == seed) & (rows.strategy == strategy)]
        accuracy, n_test, n_train = direct_dummy_accuracy(
            target, test_size, seed, stratify, strategy
        )
        assert len(row) == 1 and row.accuracy.item() == accuracy
        assert (row.n_test.item(), row.n_train.item()) == (n_test, n_train)


def test_every_split_of_the_study_has_both_baselines_on_its_test_part(small_run):
    rows = pd.read_csv(small_run / "results" / "baselines.csv")
    summary = pd.read_csv(small_run / "results" / "summary.csv")
    for strategy in STRATEGIES:
        mine = rows[rows.strategy == strategy].reset_index(drop=True)
        assert mine[["case", "seed", "n_test", "n_train"]].equals(
            summary[["case", "seed", "n_test", "n_train"]]
        )
    # a majority-class guess reads about a tenth of Digits
    assert rows[rows.case == "half"].accuracy.between(0.05, 0.15).all()


def test_each_case_s_baseline_interval_is_the_corrected_t_or_clopper_pearson(small_run):
    rows = pd.read_csv(small_run / "results" / "baselines.csv")
    by_case = pd.read_csv(small_run / "results" / "baselines_by_case.csv")
    for _, case in by_case.iterrows():
        splits = rows[(rows.case == case.case) & (rows.strategy == case.strategy)]
        acc = splits.accuracy.to_numpy()
        assert case.mean_accuracy == pytest.approx(acc.mean())
        if len(acc) > 1 and acc.var() > 0:
            # Nadeau & Bengio's corrected error, with scipy's t interval
            scale = np.sqrt((1 / len(acc) + case.n_test / case.n_train) * acc.var(ddof=1))
            low, high = stats.t.interval(0.95, len(acc) - 1, loc=acc.mean(), scale=scale)
            assert case.method == "corrected resampled t interval"
            assert (case.ci_low, case.ci_high) == pytest.approx((max(low, 0), min(high, 1)))
        else:
            worst = splits.loc[splits.n_correct.idxmin()]
            low, high = proportion_confint(worst.n_correct, worst.n_test, 0.05, method="beta")
            assert case.method.startswith("Clopper-Pearson interval")
            assert (case.ci_low, case.ci_high) == pytest.approx((low, high))
    # one row per case and strategy, in study order
    assert list(by_case.case) == [c for c in SMALL for _ in STRATEGIES]


def test_the_evidence_table_shows_the_baselines_beside_each_case(small_run):
    html = (small_run / "results" / "report.html").read_text()
    by_case = pd.read_csv(small_run / "results" / "baselines_by_case.csv")
    evidence = html[html.index('id="evidence"') : html.index('id="original"')]
    for case in SMALL:
        row = evidence[evidence.index(f'<tr id="case-{case}">') :]
        row = row[: row.index("</tr>")]
        for strategy in STRATEGIES:
            mean = by_case[(by_case.case == case) & (by_case.strategy == strategy)]
            assert f"{mean.mean_accuracy.item():.1%}" in row
    assert "Against baselines." in evidence and "points" in evidence
    assert "p (permutation)" not in evidence  # off by default


def test_the_baselines_ignore_the_threshold(small_run):
    jobs = dry_run_jobs(small_run, "--config", 'hypothesis={"threshold": 0.9}')
    assert "baselines" not in jobs


# The permutation test, on a small iris study (the claim's SVC refits in milliseconds).
PERMUTATIONS = 20
IRIS = {
    "data": {"source": "sklearn", "name": "iris"},
    "model": {"estimator": "svc", "params": {"gamma": "scale", "C": 10}, "scale": True},
    "cases": {
        "half": {"test_size": 0.5, "seeds": [3, 4]},
        "strat": {"test_size": 30, "seeds": [1], "stratify": True},
    },
    "hypothesis": {"threshold": 0.9, "permutation_test": {"permutations": PERMUTATIONS}},
    "batch_size": 2,
    "analyses": [],
}


@pytest.fixture(scope="module")
def iris_run(tmp_path_factory):
    workdir = copy_workflow(tmp_path_factory.mktemp("iris_permutation"), config=None)
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(IRIS))
    snakemake(workdir, "--cores", "2")
    return workdir


def test_the_permutation_p_value_is_scikit_learn_s(iris_run):
    iris = load_iris()
    result = pd.read_csv(iris_run / "results" / "permutation.csv").set_index("case")
    assert list(result.index) == ["half", "strat"]
    for case, spec in IRIS["cases"].items():
        seed = spec["seeds"][0]  # the case's first split
        train, test = train_test_split(
            np.arange(len(iris.target)),
            test_size=spec["test_size"],
            random_state=seed,
            stratify=iris.target if spec.get("stratify") else None,
        )
        score, permuted, p_value = permutation_test_score(
            models.build_estimator(IRIS["model"]),
            iris.data,
            iris.target,
            cv=[(train, test)],
            n_permutations=PERMUTATIONS,
            random_state=seed,
        )
        row = result.loc[case]
        assert row.seed == seed and row.permutations == PERMUTATIONS
        assert row.observed_accuracy == score
        assert row.mean_permuted_accuracy == pytest.approx(permuted.mean())
        assert row.max_permuted_accuracy == permuted.max()
        assert row.p_value == pytest.approx(p_value)
        # the claim's model on iris beats every shuffled fit: the smallest p there is
        assert row.p_value == pytest.approx(1 / (1 + PERMUTATIONS))
        # each permutation's own score, batch files included
        fits = pd.read_csv(iris_run / "results" / "permutation" / f"{case}__permutations_0_19.csv")
        assert fits.accuracy.to_numpy() == pytest.approx(permuted)


def test_the_report_shows_the_permutation_p_value_and_what_it_tests(iris_run):
    html = (iris_run / "results" / "report.html").read_text()
    evidence = html[html.index('id="evidence"') : html.index('id="per-digit"')]
    assert "p (permutation)" in evidence and "it does not test the claim" in evidence
    row = evidence[evidence.index('<tr id="case-strat">') :]
    assert f"{1 / 21:.3g}" in row[: row.index("</tr>")]
    words = " ".join(evidence.split())
    assert "of flowers" in words and "of images" not in words  # iris: its own noun
    assert 'download="permutation.csv"' in html  # among the numbers behind the page


def test_more_permutations_add_only_their_batches(iris_run):
    jobs = dry_run_jobs(
        iris_run, "--config", 'hypothesis={"permutation_test": {"permutations": 60}}'
    )
    # 60 = 0-49 and 50-59 per case: the first batch is renamed, so both are new
    assert jobs.get("permutation_fit") == 4
    assert {"permutation", "report"} <= set(jobs)
    assert not [rule for rule in jobs if rule.startswith(("fit__", "score__"))]
    assert "baselines" not in jobs and "aggregate" not in jobs


def test_zero_permutations_on_the_command_line_stop_naming_the_key(tmp_path):
    workdir = copy_workflow(tmp_path)
    args = ["--config", 'hypothesis={"permutation_test": {"permutations": 0}}']
    message = stopped_before_any_job(workdir, "--dry-run", *args)
    assert "Invalid config key 'hypothesis.permutation_test.permutations'" in message, message
