"""hypothesis.metric: a claim on balanced accuracy, macro-F1 or the lowest per-class recall.

Each split's metric checked against scikit-learn on the split's own predictions, its
percentile bootstrap recomputed independently (scikit-learn's metrics on every resample,
numpy's quantiles), each case's corrected resampled t-test against scipy, on real runs of a
small breast-cancer study; a bad value stops before any job."""

import json
import math

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy import stats as scipy_stats
from sklearn.metrics import balanced_accuracy_score, f1_score, recall_score
from workflow import copy_workflow, snakemake, stopped_before_any_job

from digits_hypothesis import datasets, metrics, study, verdict

METRICS = ["balanced_accuracy", "macro_f1", "min_class_recall"]
HYPOTHESIS = {"threshold": 0.9, "alpha": 0.05, "confidence": 0.95}
STUDY = {
    "data": {"source": "sklearn", "name": "breast_cancer"},
    "model": {"estimator": "svc", "params": {"gamma": "scale", "C": 1}, "scale": True},
    "cases": {
        "half": {"test_size": 0.5, "seeds": [0, 1, 2]},
        "one": {"test_size": 100, "seeds": [4], "stratify": True},
    },
    "batch_size": 2,
    "analyses": [],
}


def sklearn_metric(metric, true, predicted):
    """The metric as scikit-learn computes it, with the workflow's per-class conventions:
    recall over the classes in the true labels, F1 over those in either (0 if undefined)."""
    if metric == "accuracy":
        return float(np.mean(true == predicted))
    if metric == "balanced_accuracy":
        return balanced_accuracy_score(true, predicted)
    if metric == "macro_f1":
        return f1_score(true, predicted, average="macro", zero_division=0)
    labels = np.unique(true)
    return recall_score(true, predicted, labels=labels, average=None, zero_division=0).min()


def direct_bootstrap(true, predicted, metric, seed, resamples=metrics.BOOTSTRAP_RESAMPLES):
    """The resampling rule, done the slow way: within each true class in label order, its
    rows drawn with replacement; scikit-learn scores every resample."""
    rng = np.random.default_rng(seed)
    draws = []
    for label in range(int(max(true.max(), predicted.max())) + 1):
        rows = np.flatnonzero(true == label)
        if len(rows):
            draws.append(rows[rng.integers(0, len(rows), (resamples, len(rows)))])
    values = []
    for b in range(resamples):
        rows = np.concatenate([d[b] for d in draws])
        values.append(sklearn_metric(metric, true[rows], predicted[rows]))
    return np.array(values)


@pytest.mark.parametrize("metric", ["accuracy", *METRICS])
def test_each_metric_is_scikit_learn_s_with_absent_classes(metric):
    rng = np.random.default_rng(7)
    for _ in range(30):
        true = rng.choice([0, 1, 3], size=40, p=[0.6, 0.3, 0.1])
        predicted = np.where(rng.random(40) < 0.7, true, rng.choice([0, 1, 2, 3], size=40))
        matrix = metrics.confusion_matrix(true, predicted, 5)  # class 4 nowhere, 2 predicted
        with _quiet():
            expected = sklearn_metric(metric, true, predicted)
        assert float(metrics.metric_values(matrix, metric)) == pytest.approx(expected, abs=1e-12)


def test_a_class_only_predicted_is_left_out_of_the_lowest_recall():
    # scikit-learn's recall_score(average=None) gives such a class recall 0 (zero_division);
    # the workflow leaves it out: it has no test rows, so no recall
    true, predicted = np.array([0, 0, 1, 1]), np.array([0, 2, 1, 1])
    matrix = metrics.confusion_matrix(true, predicted, 3)
    assert metrics.metric_values(matrix, "min_class_recall") == 0.5
    with _quiet():
        assert recall_score(true, predicted, average=None, zero_division=0).min() == 0


def test_a_stack_of_matrices_gives_each_one_s_metric():
    rng = np.random.default_rng(1)
    pairs = [(rng.integers(0, 3, 30), rng.integers(0, 3, 30)) for _ in range(5)]
    stack = np.array([metrics.confusion_matrix(t, p, 3) for t, p in pairs])
    for metric in METRICS:
        each = [float(metrics.metric_values(m, metric)) for m in stack]
        assert metrics.metric_values(stack, metric).tolist() == each


@pytest.mark.parametrize("metric", METRICS)
def test_the_bootstrap_is_the_direct_resampling(metric):
    rng = np.random.default_rng(3)
    true = rng.choice(3, size=60, p=[0.7, 0.2, 0.1])
    predicted = np.where(rng.random(60) < 0.85, true, rng.integers(0, 3, 60))
    found = metrics.bootstrap(true, predicted, 3, metric, seed=11, resamples=300)
    with _quiet():
        direct = direct_bootstrap(true, predicted, metric, seed=11, resamples=300)
    assert found == pytest.approx(np.sort(direct), abs=1e-12)


def test_the_percentile_interval_is_numpy_s_inverted_cdf_quantile():
    values = np.sort(np.random.default_rng(0).random(2000))
    for tail in (0.025, 0.05, 0.005):
        low = np.quantile(values, tail, method="inverted_cdf")
        high = -np.quantile(-values, tail, method="inverted_cdf")
        assert metrics.percentile_interval(values, tail) == (low, high)
    # (1 - 0.95) / 2 is 0.025 + 2e-17 in floating point: the same 50th value from each end
    assert metrics.percentile_interval(values, (1 - 0.95) / 2) == (values[49], values[1950])


def test_a_split_decides_as_its_one_sided_bootstrap_intervals_do():
    rng = np.random.default_rng(5)
    for threshold in (0.7, 0.8, 0.85, 0.9, 0.95):
        hyp = {**HYPOTHESIS, "threshold": threshold, "metric": "balanced_accuracy"}
        true = rng.choice(2, size=80, p=[0.7, 0.3])
        predicted = np.where(rng.random(80) < 0.85, true, 1 - true)
        score = verdict.score_split({"seed": 2}, true, predicted, 200, 2, hyp)
        values = metrics.bootstrap(true, predicted, 2, "balanced_accuracy", 2, 2000)
        low, high = metrics.percentile_interval(values, hyp["alpha"])  # the 90% interval
        expected = "supported" if low > threshold else "refuted" if high < threshold else None
        assert score["verdict"] == (expected or "inconclusive")
        assert score["p_value"] == np.mean(values <= threshold)
        assert score["p_refuted"] == np.mean(values >= threshold)


def test_accuracy_scores_keep_their_keys():
    true, predicted = np.array([0, 1, 1, 0]), np.array([0, 1, 0, 0])
    plain = verdict.score_split({"seed": 0}, true, predicted, 10, 2, HYPOTHESIS)
    named = verdict.score_split(
        {"seed": 0}, true, predicted, 10, 2, {**HYPOTHESIS, "metric": "accuracy"}
    )
    assert plain == named and "metric_value" not in plain and "metric" not in plain
    assert study.summary_table(2).columns == study.summary_table(2, "accuracy").columns
    assert "metric_value" not in study.summary_table(2).columns


class _quiet:
    """scikit-learn warns about classes absent from one side; the conventions are meant."""

    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc):
        return self._catch.__exit__(*exc)


@pytest.fixture(scope="module", params=METRICS)
def metric_run(request, tmp_path_factory):
    workdir = copy_workflow(tmp_path_factory.mktemp(f"metric_{request.param}"), config=None)
    config = {**STUDY, "hypothesis": {**HYPOTHESIS, "metric": request.param}}
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    snakemake(workdir, "--cores", "2")
    return request.param, workdir


def test_every_split_is_scored_on_the_metric(metric_run):
    metric, workdir = metric_run
    results = workdir / "results"
    summary = pd.read_csv(results / "summary.csv")
    columns = list(summary.columns)
    assert columns[columns.index("accuracy") + 1] == "metric_value"
    for case, seed, value, low, high, verdict_ in summary[
        ["case", "seed", "metric_value", "ci_low", "ci_high", "verdict"]
    ].itertuples(index=False):
        folder = results / "splits" / case / str(seed)
        rows = pd.read_csv(folder / "predictions.csv")
        true, predicted = rows["true_label"].to_numpy(), rows["predicted_label"].to_numpy()
        with _quiet():
            assert value == pytest.approx(sklearn_metric(metric, true, predicted), abs=1e-12)
            direct = direct_bootstrap(true, predicted, metric, seed)
        score = json.loads((folder / "score.json").read_text())
        assert score["metric"] == metric and score["metric_value"] == value
        tail = round((1 - HYPOTHESIS["confidence"]) / 2, 12)
        assert (low, high) == pytest.approx(
            (
                np.quantile(direct, tail, method="inverted_cdf"),
                -np.quantile(-direct, tail, method="inverted_cdf"),
            ),
            abs=1e-12,
        )
        assert score["p_value"] == np.mean(direct <= HYPOTHESIS["threshold"])
        assert score["p_refuted"] == np.mean(direct >= HYPOTHESIS["threshold"])
        assert verdict_ == score["verdict"]


def test_each_case_is_the_corrected_t_test_of_its_metric_values(metric_run):
    metric, workdir = metric_run
    results = workdir / "results"
    summary = pd.read_csv(results / "summary.csv")
    result = json.loads((results / "hypothesis.json").read_text())
    assert result["hypothesis"]["metric"] == metric
    half = result["cases"]["half"]
    values = summary.loc[summary["case"] == "half", "metric_value"].to_numpy()
    j, n_test, n_train = len(values), half["n_test"], half["n_train"]
    se = math.sqrt((1 / j + n_test / n_train) * values.var(ddof=1))
    t = (values.mean() - HYPOTHESIS["threshold"]) / se
    assert half["metric"] == metric and half["mean_value"] == pytest.approx(values.mean())
    assert half["t"] == pytest.approx(t) and half["dof"] == j - 1
    assert half["p_supported"] == pytest.approx(scipy_stats.t.sf(t, j - 1))
    assert half["p_refuted"] == pytest.approx(scipy_stats.t.cdf(t, j - 1))
    low, high = scipy_stats.t.interval(0.95, j - 1, loc=values.mean(), scale=se)
    assert (half["ci_low"], half["ci_high"]) == pytest.approx((max(low, 0), min(high, 1)))
    accuracies = summary.loc[summary["case"] == "half", "accuracy"]
    assert half["mean_accuracy"] == pytest.approx(accuracies.mean())  # accuracy, as ever
    # one split: its bootstrap decides, no binomial test
    one = result["cases"]["one"]
    split = json.loads((results / "splits" / "one" / "4" / "score.json").read_text())
    assert one["method"] == "percentile bootstrap (one split)"
    assert (one["p_supported"], one["p_refuted"]) == (split["p_value"], split["p_refuted"])
    assert (one["ci_low"], one["ci_high"]) == (split["ci_low"], split["ci_high"])


def test_the_report_names_the_metric(metric_run):
    metric, workdir = metric_run
    name = metrics.METRICS[metric]
    html = (workdir / "results" / "report.html").read_text()
    claim = json.loads((workdir / "results" / "hypothesis.json").read_text())["claim"]
    assert "correctly at least" not in claim
    assert f'<th scope="col">mean {name}</th>' in html
    assert f"H0: {name} ≤ 0.9" in html
    figure = (workdir / "results" / "plots" / "accuracy_by_case.svg").read_text()
    assert f"test {name}" in figure and f"claimed {name} 0.9" in figure


def test_the_claim_is_worded_for_its_metric():
    model = {"estimator": "svc", "params": {"gamma": 0.001, "C": 100}}
    text = study.claim_text(model, 0.95, None, "balanced_accuracy")
    assert text.endswith(
        "reaches a balanced accuracy (the mean of its per-digit recalls) of at least 95%."
    )
    # the class word has no plural to build ("diagnosis", "species")
    cancer = datasets.of({"data": {"source": "sklearn", "name": "breast_cancer"}})
    assert "per-diagnosis recalls" in study.claim_text(model, 0.9, cancer, "balanced_accuracy")
    assert study.claim_text(model, 0.95) == study.claim_text(model, 0.95, None, "accuracy")
    assert "every digit at least 95%" in study.claim_text(model, 0.95, None, "min_class_recall")


def test_an_unknown_metric_stops_naming_the_key(tmp_path):
    workdir = copy_workflow(tmp_path)
    args = ["--config", 'hypothesis={"metric": "f2"}']
    message = stopped_before_any_job(workdir, "--dry-run", *args)
    assert "Invalid config key 'hypothesis.metric'" in message, message


def test_the_default_study_names_no_metric(small_run):
    results = small_run / "results"
    assert "metric" not in json.loads((results / "hypothesis.json").read_text())["hypothesis"]
    assert "metric_value" not in pd.read_csv(results / "summary.csv").columns
    assert "metric_value" not in (results / "splits" / "half" / "0" / "score.json").read_text()
