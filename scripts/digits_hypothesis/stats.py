"""Statistics of the accuracy claim (docs/statistics.md states each method and its source).

Only numpy and scipy.special: no scikit-learn, and not scipy.stats, whose import costs a
score job about a second (bench/imports.py). The distributions are written with the special
functions scipy.stats itself evaluates them with (the binomial tails as regularised
incomplete beta functions, the beta quantile as its inverse, Student's t through stdtr and
stdtrit): the same numbers to the last bit, checked against scipy.stats by tests.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from digits_hypothesis.study import INCONCLUSIVE, REFUTED, SUPPORTED  # noqa: F401 (re-exported)


def binomial_p_value(n_correct: int, n_test: int, threshold: float) -> float:
    """Exact one-sided p-value of H0 accuracy <= threshold: P(X >= k), X ~ Bin(n, p0)."""
    if n_correct <= 0:
        return 1.0
    if n_correct > n_test:
        return 0.0
    return float(special.betainc(n_correct, n_test - n_correct + 1, threshold))


def clopper_pearson(n_correct: int, n_test: int, confidence: float) -> tuple[float, float]:
    """Two-sided exact (Clopper-Pearson) interval for a binomial proportion."""
    tail = (1 - confidence) / 2
    low = 0.0 if n_correct == 0 else special.betaincinv(n_correct, n_test - n_correct + 1, tail)
    high = (
        1.0
        if n_correct == n_test
        else special.betaincinv(n_correct + 1, n_test - n_correct, 1 - tail)
    )
    return float(low), float(high)


def decide(p_supported: float, p_refuted: float, alpha: float) -> str:
    """One level for both tails: *supported* when P(accuracy <= p0 is this unlikely) < alpha,
    *refuted* when the other tail is, else *inconclusive*. Every verdict uses it: a split,
    a case, the new writers, a grid point, a training size."""
    if p_supported < alpha:
        return SUPPORTED
    if p_refuted < alpha:
        return REFUTED
    return INCONCLUSIVE


def min_supporting_n(threshold: float, alpha: float) -> int:
    """Smallest test set that can support the claim at all: all n correct and p0**n < alpha."""
    n = math.floor(math.log(alpha) / math.log(threshold)) + 1
    while threshold**n >= alpha:  # guard against rounding at the boundary
        n += 1
    return n


def corrected_standard_error(values, n_test: int, n_train: int) -> float | None:
    """Nadeau & Bengio's corrected standard error of the mean of J resampled scores:
    sqrt((1/J + n_test/n_train) * var(ddof=1)). Splits of one data set overlap, so the
    plain variance of the mean is inflated by n_test / n_train. None when it is undefined
    (fewer than 2 values, or zero variance)."""
    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return None
    variance = values.var(ddof=1)
    if variance == 0:
        return None
    return math.sqrt((1 / len(values) + n_test / n_train) * variance)


def corrected_resampled_t(
    values, n_test: int, n_train: int, null: float
) -> tuple[float, float] | None:
    """The corrected resampled t statistic and its degrees of freedom (J - 1), or None
    where the corrected standard error is undefined."""
    scale = corrected_standard_error(values, n_test, n_train)
    if scale is None:
        return None
    return (float(np.mean(values)) - null) / scale, len(values) - 1


def corrected_t_interval(
    values, n_test: int, n_train: int, confidence: float
) -> tuple[float, float] | None:
    """The corrected resampled t interval of the mean at ``confidence`` (two-sided):
    mean +/- t_{(1+c)/2, J-1} * the corrected standard error; None where that is undefined."""
    scale = corrected_standard_error(values, n_test, n_train)
    if scale is None:
        return None
    half = float(special.stdtrit(len(values) - 1, (1 + confidence) / 2)) * scale
    return float(np.mean(values) - half), float(np.mean(values) + half)


def holm(p_values) -> list[float]:
    """Holm's (1979) step-down adjusted p-values, in the order given: sorted ascending,
    p_(i) * (m - i + 1), made monotone, capped at 1. Controls the family-wise error."""
    p_values = [float(p) for p in p_values]
    m = len(p_values)
    adjusted, running = [0.0] * m, 0.0
    for rank, index in enumerate(sorted(range(m), key=lambda i: p_values[i])):
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def binomial_p_less(n_correct: int, n_test: int, threshold: float) -> float:
    """Exact one-sided p-value of H0 accuracy >= threshold: P(X <= k), X ~ Bin(n, p0)."""
    if n_correct >= n_test:
        return 1.0
    if n_correct < 0:
        return 0.0
    return float(special.betainc(n_test - n_correct, n_correct + 1, 1 - threshold))


def t_greater_p(t: float, dof: int) -> float:
    return float(special.stdtr(dof, -t))


def t_less_p(t: float, dof: int) -> float:
    return float(special.stdtr(dof, t))


def t_two_sided_p(t: float, dof: int) -> float:
    return float(2 * special.stdtr(dof, -abs(t)))
