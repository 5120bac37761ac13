"""The statistics, each checked against an independent implementation."""

import math
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats as sps
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from statsmodels.stats.proportion import proportion_confint

from digits_hypothesis import metrics, power, stats

CASES = [(18, 18), (17, 18), (0, 10), (1238, 1258), (1567, 1618), (95, 100), (50, 100)]


@pytest.mark.parametrize(("k", "n"), CASES)
@pytest.mark.parametrize("p0", [0.5, 0.9, 0.95, 0.99])
def test_binomial_p_value_matches_scipy_binomtest(k, n, p0):
    expected = sps.binomtest(k, n, p0, alternative="greater").pvalue
    assert stats.binomial_p_value(k, n, p0) == pytest.approx(expected, rel=1e-9, abs=1e-300)


@pytest.mark.parametrize(("k", "n"), CASES)
def test_binomial_p_less_is_a_brute_force_lower_tail(k, n):
    p0 = Fraction(19, 20)  # exact arithmetic: no overflow or rounding in the brute force
    expected = float(sum(math.comb(n, i) * p0**i * (1 - p0) ** (n - i) for i in range(k + 1)))
    assert stats.binomial_p_less(k, n, 0.95) == pytest.approx(expected, rel=1e-6, abs=1e-300)


@pytest.mark.parametrize(("k", "n"), CASES)
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_clopper_pearson_matches_statsmodels_and_scipy(k, n, confidence):
    low, high = stats.clopper_pearson(k, n, confidence)
    sm_low, sm_high = proportion_confint(k, n, alpha=1 - confidence, method="beta")
    ci = sps.binomtest(k, n).proportion_ci(confidence, method="exact")
    assert low == pytest.approx(sm_low, abs=1e-10) and low == pytest.approx(ci.low, abs=1e-10)
    assert high == pytest.approx(sm_high, abs=1e-10) and high == pytest.approx(ci.high, abs=1e-10)


def test_original_case_figures():
    # 18 of 18 correct: p = 0.95**18 and the lower bound of the interval is about 0.81.
    assert stats.binomial_p_value(18, 18, 0.95) == pytest.approx(0.95**18)
    assert stats.clopper_pearson(18, 18, 0.95)[0] == pytest.approx(0.025 ** (1 / 18))


@pytest.mark.parametrize(("p0", "alpha"), [(0.95, 0.05), (0.9, 0.05), (0.99, 0.01), (0.5, 0.05)])
def test_min_supporting_n_is_the_first_n_where_a_perfect_score_rejects(p0, alpha):
    n = stats.min_supporting_n(p0, alpha)
    assert sps.binomtest(n, n, p0, alternative="greater").pvalue < alpha
    assert sps.binomtest(n - 1, n - 1, p0, alternative="greater").pvalue >= alpha


def test_min_supporting_n_for_the_claim_is_59():
    assert stats.min_supporting_n(0.95, 0.05) == 59


def test_corrected_resampled_t_by_hand():
    acc = np.array([0.97, 0.96, 0.98, 0.975, 0.965])
    n_test, n_train, j = 450, 1347, 5
    t, dof = stats.corrected_resampled_t(acc, n_test, n_train, 0.95)
    mean = sum(acc) / j
    var = sum((a - mean) ** 2 for a in acc) / (j - 1)
    expected = (mean - 0.95) / math.sqrt((1 / j + n_test / n_train) * var)
    assert t == pytest.approx(expected) and dof == 4
    assert stats.t_greater_p(t, dof) == pytest.approx(1 - sps.t.cdf(expected, 4))
    assert stats.t_less_p(t, dof) == pytest.approx(sps.t.cdf(expected, 4))


def test_corrected_t_is_undefined_without_spread():
    assert stats.corrected_resampled_t([0.99, 0.99], 100, 1000, 0.95) is None
    assert stats.corrected_resampled_t([0.99], 100, 1000, 0.95) is None


def test_corrected_t_is_more_cautious_than_the_plain_t_test():
    acc = [0.97, 0.96, 0.98, 0.975, 0.965]
    t, dof = stats.corrected_resampled_t(acc, 450, 1347, 0.95)
    plain = sps.ttest_1samp(acc, 0.95, alternative="greater")
    assert stats.t_greater_p(t, dof) > plain.pvalue


def test_confusion_matrix_and_per_class_metrics_match_scikit_learn():
    rng = np.random.default_rng(0)
    true = rng.integers(0, 10, 300)
    predicted = np.where(rng.random(300) < 0.8, true, rng.integers(0, 8, 300))
    matrix = metrics.confusion_matrix(true, predicted, 10)
    assert (matrix == confusion_matrix(true, predicted, labels=range(10))).all()
    rows = metrics.per_class_metrics(matrix)
    labels = [r["label"] for r in rows]
    precision, recall, f1, support = precision_recall_fscore_support(
        true, predicted, labels=labels, zero_division=0
    )
    assert [r["precision"] for r in rows] == pytest.approx(list(precision))
    assert [r["recall"] for r in rows] == pytest.approx(list(recall))
    assert [r["f1"] for r in rows] == pytest.approx(list(f1))
    assert [r["support"] for r in rows] == list(support)


def test_per_class_metrics_skip_digits_that_never_occur():
    matrix = metrics.confusion_matrix([1, 2, 2], [1, 2, 1], 10)
    assert [r["label"] for r in metrics.per_class_metrics(matrix)] == [1, 2]


@pytest.mark.parametrize("n", [20, 59, 100, 400])
def test_power_matches_a_brute_force_binomial_sum(n):
    p0, alpha, p1 = 0.95, 0.05, 0.98
    tail = [
        sum(math.comb(n, i) * p0**i * (1 - p0) ** (n - i) for i in range(k, n + 1))
        for k in range(n + 1)
    ]
    critical = next((k for k in range(n + 1) if tail[k] < alpha), None)
    expected = (
        0.0
        if critical is None
        else sum(math.comb(n, i) * p1**i * (1 - p1) ** (n - i) for i in range(critical, n + 1))
    )
    # The workflow's power step computes the whole curve; its entry at n is checked here.
    sizes, criticals, powers = power.power_curve(400, p0, alpha, p1)
    at = n - 1
    assert sizes[at] == n
    assert criticals[at] == (n + 1 if critical is None else critical)  # n + 1: never rejects
    assert powers[at] == pytest.approx(expected, abs=1e-9)
