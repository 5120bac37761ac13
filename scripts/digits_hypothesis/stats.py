"""Statistics of the accuracy claim (docs/statistics.md states each method and its source).

Only numpy and scipy.stats: no scikit-learn, so scoring steps start fast.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from digits_hypothesis.study import INCONCLUSIVE, REFUTED, SUPPORTED  # noqa: F401 (re-exported)


def binomial_p_value(n_correct: int, n_test: int, threshold: float) -> float:
    """Exact one-sided p-value of H0 accuracy <= threshold: P(X >= k), X ~ Bin(n, p0)."""
    return float(stats.binom.sf(n_correct - 1, n_test, threshold))


def clopper_pearson(n_correct: int, n_test: int, confidence: float) -> tuple[float, float]:
    """Two-sided exact (Clopper-Pearson) interval for a binomial proportion."""
    tail = (1 - confidence) / 2
    low = 0.0 if n_correct == 0 else stats.beta.ppf(tail, n_correct, n_test - n_correct + 1)
    high = (
        1.0 if n_correct == n_test else stats.beta.ppf(1 - tail, n_correct + 1, n_test - n_correct)
    )
    return float(low), float(high)


def split_verdict(p_value: float, ci_high: float, threshold: float, alpha: float) -> str:
    if p_value < alpha:
        return SUPPORTED
    if ci_high < threshold:
        return REFUTED
    return INCONCLUSIVE


def min_supporting_n(threshold: float, alpha: float) -> int:
    """Smallest test set that can support the claim at all: all n correct and p0**n < alpha."""
    n = math.floor(math.log(alpha) / math.log(threshold)) + 1
    while threshold**n >= alpha:  # guard against rounding at the boundary
        n += 1
    return n


def corrected_resampled_t(
    values, n_test: int, n_train: int, null: float
) -> tuple[float, float] | None:
    """Nadeau & Bengio's corrected resampled t statistic and its degrees of freedom.

    Splits of one data set overlap, so the plain variance of the mean is inflated by
    n_test / n_train. Returns None when it is undefined (fewer than 2 values or zero variance).
    """
    values = np.asarray(values, dtype=float)
    n_values = len(values)
    if n_values < 2:
        return None
    variance = values.var(ddof=1)
    if variance == 0:
        return None
    scale = math.sqrt((1 / n_values + n_test / n_train) * variance)
    return (values.mean() - null) / scale, n_values - 1


def binomial_p_less(n_correct: int, n_test: int, threshold: float) -> float:
    """Exact one-sided p-value of H0 accuracy >= threshold: P(X <= k), X ~ Bin(n, p0)."""
    return float(stats.binom.cdf(n_correct, n_test, threshold))


def t_greater_p(t: float, dof: int) -> float:
    return float(stats.t.sf(t, dof))


def t_less_p(t: float, dof: int) -> float:
    return float(stats.t.cdf(t, dof))


def t_two_sided_p(t: float, dof: int) -> float:
    return float(2 * stats.t.sf(abs(t), dof))
