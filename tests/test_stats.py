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


@pytest.mark.parametrize(
    ("p_supported", "p_refuted", "expected"),
    [(0.01, 0.99, "supported"), (0.99, 0.01, "refuted"), (0.3, 0.7, "inconclusive")],
)
def test_one_level_for_both_tails(p_supported, p_refuted, expected):
    assert stats.decide(p_supported, p_refuted, 0.05) == expected
    # at the level itself neither tail rejects
    assert stats.decide(0.05, 0.05, 0.05) == "inconclusive"


@pytest.mark.parametrize("k", [0, 1, 5, 17, 18])
def test_a_splits_two_tails_agree_with_its_one_sided_intervals(k):
    # supported iff the one-sided 95% lower bound (the two-sided 90% interval's) is above
    # p0, refuted iff the upper one is below it: Clopper-Pearson's duality with the test
    n, p0, alpha = 18, 0.6, 0.05
    low, high = stats.clopper_pearson(k, n, 1 - 2 * alpha)
    verdict = stats.decide(stats.binomial_p_value(k, n, p0), stats.binomial_p_less(k, n, p0), alpha)
    assert (verdict == "supported") == (low > p0)
    assert (verdict == "refuted") == (high < p0)


def test_the_corrected_t_interval_is_scipys_t_interval_with_the_corrected_error():
    acc = np.array([0.97, 0.96, 0.98, 0.975, 0.965])
    n_test, n_train = 450, 1347
    scale = math.sqrt((1 / 5 + n_test / n_train) * acc.var(ddof=1))
    expected = sps.t.interval(0.95, 4, loc=acc.mean(), scale=scale)
    assert stats.corrected_t_interval(acc, n_test, n_train, 0.95) == pytest.approx(expected)
    assert stats.corrected_t_interval([0.9, 0.9], n_test, n_train, 0.95) is None


@pytest.mark.parametrize(
    "p_values", [[0.01, 0.04, 0.03, 0.005], [0.5, 0.2], [0.001], [0.02, 0.02, 0.9, 0.011]]
)
def test_holm_matches_statsmodels(p_values):
    from statsmodels.stats.multitest import multipletests

    expected = multipletests(p_values, method="holm")[1]
    assert stats.holm(p_values) == pytest.approx(list(expected))


def slow_power(n_rows, n_test, sd, p1, p0, alpha, seeds, simulations, seed):
    """The decision's power by a direct loop: draw each study, run scipy's t-test by hand."""
    rng = np.random.default_rng(seed)
    rho, supported = n_test / n_rows, 0
    for _ in range(simulations):
        shared = rng.normal()
        accuracy = [
            p1 + sd * (math.sqrt(rho) * shared + math.sqrt(1 - rho) * rng.normal())
            for _ in range(seeds)
        ]
        mean, var = np.mean(accuracy), np.var(accuracy, ddof=1)
        t = (mean - p0) / math.sqrt((1 / seeds + n_test / (n_rows - n_test)) * var)
        supported += sps.t.sf(t, seeds - 1) < alpha
    return supported / simulations


def test_the_simulated_power_of_a_decision_matches_a_direct_simulation():
    hyp = {"threshold": 0.95, "alpha": 0.05}
    n_rows, n_test, sd, p1 = 400, 100, 0.02, 0.965
    rng = np.random.default_rng(1)
    fast = power.simulated_power(n_rows, n_test, sd, p1, hyp, 8, 20000, rng)
    for seeds in (3, 8):
        slow = slow_power(n_rows, n_test, sd, p1, 0.95, 0.05, seeds, 3000, seed=2)
        error = math.sqrt(slow * (1 - slow) / 3000) + math.sqrt(fast[seeds - 1] / 20000)
        assert abs(fast[seeds - 1] - slow) < 4 * error
    # one seed: the exact binomial test of one split, as power_curve gives it
    assert fast[0] == pytest.approx(power.power_curve(n_test, 0.95, 0.05, p1)[2][-1])


def test_unlimited_seeds_cannot_beat_the_limit_and_more_seeds_approach_it():
    hyp = {"threshold": 0.95, "alpha": 0.05}
    n_rows, n_test, sd, p1 = 1797, 1618, 0.0101, 0.96  # the default study's test_90
    limit = power.unlimited_power(n_rows, n_test, sd, p1, hyp)
    simulated = power.simulated_power(
        n_rows, n_test, sd, p1, hyp, 400, 4000, np.random.default_rng(0)
    )
    assert limit < 0.8  # never reaches the usual target: the n_test / n_train term stays
    assert simulated[-1] == pytest.approx(limit, abs=0.03)
    assert simulated[9] < limit + 0.03


def test_the_special_functions_give_scipy_stats_numbers_to_the_last_bit():
    # stats.py avoids importing scipy.stats (a second per score job); its results must be
    # exactly those of scipy.stats, so that outputs stay byte-identical
    rng = np.random.default_rng(0)
    for _ in range(2000):
        n = int(rng.integers(1, 3000))
        k = int(rng.integers(-1, n + 2))
        p0 = float(rng.choice([0.95, 0.9, 0.99, rng.random()]))
        assert stats.binomial_p_value(k, n, p0) == float(sps.binom.sf(k - 1, n, p0))
        assert stats.binomial_p_less(k, n, p0) == float(sps.binom.cdf(k, n, p0))
        if 0 <= k <= n:
            low, high = stats.clopper_pearson(k, n, 0.95)
            tail = (1 - 0.95) / 2  # as the code computes it (not quite 0.025)
            assert low == (0.0 if k == 0 else float(sps.beta.ppf(tail, k, n - k + 1)))
            assert high == (1.0 if k == n else float(sps.beta.ppf(1 - tail, k + 1, n - k)))
        dof, t = int(rng.integers(1, 400)), float(rng.standard_normal() * 4)
        assert stats.t_greater_p(t, dof) == float(sps.t.sf(t, dof))
        assert stats.t_less_p(t, dof) == float(sps.t.cdf(t, dof))
        assert stats.t_two_sided_p(t, dof) == float(2 * sps.t.sf(abs(t), dof))
    values = rng.random(7)
    low, _ = stats.corrected_t_interval(values, 450, 1347, 0.95)
    half = sps.t.ppf(0.975, 6) * stats.corrected_standard_error(values, 450, 1347)
    assert low == float(np.mean(values) - half)
