"""Power: how many test images the exact one-sided binomial test of one split needs to
support the claim with the target probability, if the true accuracy were each of a few
values, and the power of each case's own test set; then the power of the decision each case
actually makes (the corrected resampled t-test over its seeds), by a seeded simulation of
resampled splits, and how many seeds would reach the target (``decision_power``).

Steps: ``power`` (numbers), ``plot_power`` (its figure: plots/power.py); the report's
section. Heavy imports live inside the functions.
"""

from __future__ import annotations

from digits_hypothesis import study
from digits_hypothesis.exceptions import ConfigError
from digits_hypothesis.tables import Table, boolean, records

TABLE = Table(true_accuracy=float, min_n_test=int, power=float)
CURVE = Table(true_accuracy=float, n_test=int, critical_count=int, power=float)
CASES = Table(
    case=str, n_test=int, true_accuracy=float, power=float, min_n_test=int, enough=boolean
)
# The decision's power: per case and true accuracy, the chance that the corrected t over
# the case's seeds supports the claim, the seeds that would reach the target (empty: not
# within max_seeds), and the chance with unlimited seeds (below the target: never).
DECISIONS = Table(
    case=str,
    n_test=int,
    n_train=int,
    seeds=int,
    true_accuracy=float,
    split_sd=float,
    power=float,
    seeds_needed=int,
    power_unlimited=float,
    never=boolean,
)


def check(config: dict, cases: dict) -> None:
    """The power table's true accuracies follow the claim: those at or below the threshold
    are left out (the report says so); none above it is an error."""
    threshold = config["hypothesis"]["threshold"]
    if not any(p > threshold for p in config["power"]["true_accuracy"]):
        raise ConfigError(
            "power.true_accuracy",
            f"{config['power']['true_accuracy']} are not above the claimed accuracy "
            f"{threshold}: the test cannot be expected to support a claim that is false; "
            "give at least one true accuracy above it",
        )


def case_sizes(cases: dict, n_rows: int) -> dict[str, int]:
    """Each case's test-set size (a k-fold case's: its smallest fold, study.case_n_test)."""
    return {name: study.case_n_test(case, n_rows) for name, case in cases.items()}


def critical_counts(sizes, threshold: float, alpha: float):
    """Per test-set size n, the smallest k with P(X >= k | n, threshold) < alpha (n + 1 when
    even k = n does not reject). Vectorised over n, checked against the direct search."""
    import numpy as np
    from scipy import stats as sp

    sizes = np.asarray(sizes, dtype=np.int64)
    guess = np.asarray(sp.binom.isf(alpha, sizes, threshold), dtype=np.int64) + 1
    for _ in range(3):  # isf is exact up to rounding at the boundary: settle it
        too_low = sp.binom.sf(guess - 1, sizes, threshold) >= alpha
        guess = np.where(too_low, guess + 1, guess)
        too_high = (guess > 0) & (sp.binom.sf(guess - 2, sizes, threshold) < alpha)
        guess = np.where(too_high, guess - 1, guess)
    return np.minimum(guess, sizes + 1)


def power_curve(max_n: int, threshold: float, alpha: float, true_accuracy: float):
    """Test-set sizes 1..max_n, their critical counts, and the power at each."""
    import numpy as np
    from scipy import stats as sp

    sizes = np.arange(1, max_n + 1)
    critical = critical_counts(sizes, threshold, alpha)
    power = np.where(critical <= sizes, sp.binom.sf(critical - 1, sizes, true_accuracy), 0.0)
    return sizes, critical, power


def smallest_n(sizes, power, target: float) -> tuple[int | None, float]:
    """The first n whose power reaches the target (power is a saw-tooth in n)."""
    import numpy as np

    reached = np.nonzero(power >= target)[0]
    if len(reached) == 0:
        return None, float(power.max())
    return int(sizes[reached[0]]), float(power[reached[0]])


def compute(true_accuracies, threshold, alpha, target, max_n, sizes_of_cases: dict):
    """The table (smallest n per true accuracy), the cases' power, and the curves to plot
    (up to a little past the largest size that matters). A true accuracy at or below the
    threshold, under which the claim is false, gets a table row with neither (left out)."""
    curves, table, cases = {}, [], []
    for true_accuracy in sorted(true_accuracies):
        if true_accuracy <= threshold:
            table.append({"true_accuracy": true_accuracy, "min_n_test": None, "power": None})
            continue
        sizes, critical, power = power_curve(max_n, threshold, alpha, true_accuracy)
        curves[true_accuracy] = (sizes, critical, power)
        min_n, reached = smallest_n(sizes, power, target)
        table.append({"true_accuracy": true_accuracy, "min_n_test": min_n, "power": reached})
        for case, n_test in sizes_of_cases.items():
            case_power = float(power[n_test - 1]) if n_test <= max_n else None
            cases.append(
                {
                    "case": case,
                    "n_test": n_test,
                    "true_accuracy": true_accuracy,
                    "power": case_power,
                    "min_n_test": min_n,
                    "enough": case_power is not None and case_power >= target,
                }
            )
    needed = [row["min_n_test"] or max_n for row in table if row["power"] is not None]
    needed += list(sizes_of_cases.values())
    shown = min(max_n, int(max(needed) * 1.15) + 10)
    curve = [
        {
            "true_accuracy": true_accuracy,
            "n_test": int(n),
            "critical_count": int(k) if k <= n else None,
            "power": float(p),
        }
        for true_accuracy, (sizes, critical, power) in curves.items()
        for n, k, p in zip(sizes[:shown], critical[:shown], power[:shown])
    ]
    return table, cases, curve


def split_sd(case: dict, n_test: int, true_accuracy: float) -> float:
    """The spread of one split's accuracy the simulation uses: the case's observed SD over
    its seeds (it holds the model's change with the training part as well as the test
    part's sampling), never below the binomial SD of n_test images at ``true_accuracy``."""
    import math

    binomial = math.sqrt(true_accuracy * (1 - true_accuracy) / n_test)
    return max(case.get("sd_accuracy") or 0.0, binomial)


def simulated_power(n_rows, n_test, sd, true_accuracy, hyp, max_seeds, simulations, rng):
    """The power of the case's rule with J = 1 .. max_seeds seeds: J = 1 the exact binomial
    test of one split (exactly), J >= 2 the corrected resampled t-test, simulated. A
    simulated study draws J split accuracies p1 + sd * (sqrt(rho) Z0 + sqrt(1 - rho) Zj),
    correlated by rho = n_test / n_rows (Nadeau & Bengio's model of overlapping splits, the
    one the correction assumes), and applies the test to the first J of them."""
    import numpy as np
    from scipy import special

    threshold, alpha = hyp["threshold"], hyp["alpha"]
    rho = n_test / n_rows
    shared = rng.standard_normal((simulations, 1))
    own = rng.standard_normal((simulations, max_seeds))
    accuracy = true_accuracy + sd * (np.sqrt(rho) * shared + np.sqrt(1 - rho) * own)
    seeds = np.arange(1, max_seeds + 1)
    mean = np.cumsum(accuracy, axis=1) / seeds
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = (np.cumsum(accuracy**2, axis=1) - seeds * mean**2) / (seeds - 1)
        t = (mean - threshold) / np.sqrt((1 / seeds + n_test / (n_rows - n_test)) * variance)
        # P(T > t) < alpha exactly when t is above the t distribution's 1 - alpha quantile
        supported = (t > special.stdtrit(seeds - 1, 1 - alpha)).mean(axis=0)
    critical = critical_counts([n_test], threshold, alpha)[0]
    supported[0] = special.bdtrc(critical - 1, n_test, true_accuracy) if critical <= n_test else 0
    return supported


def unlimited_power(n_rows: int, n_test: int, sd: float, true_accuracy: float, hyp) -> float:
    """The simulated rule's power as the seeds grow without bound: the mean tends to
    p1 + sd sqrt(rho) Z0 and the corrected standard error to sd sqrt(n_test / n_train
    (1 - rho)) = sd sqrt(rho), so t tends to (p1 - p0) / (sd sqrt(rho)) + Z0. The factor
    n_test / n_train does not shrink with more seeds: below the target here means never."""
    import math

    from scipy import special

    shift = (true_accuracy - hyp["threshold"]) / (sd * math.sqrt(n_test / n_rows))
    return float(special.ndtr(shift - special.ndtri(1 - hyp["alpha"])))


def decision_power(cases: dict, evidence: dict, n_rows: int, hyp: dict, block: dict):
    """DECISIONS rows: per case and true accuracy above the threshold, the simulated power
    of the case's decision with its own seeds, the smallest number of seeds (two or more:
    the corrected t) reaching ``target_power`` (None when not within ``max_seeds``), the
    unlimited-seed power and whether no number of seeds can reach the target.
    ``evidence``: hypothesis.json's cases."""
    import numpy as np

    rng = np.random.default_rng(block["seed"])
    target, rows = block["target_power"], []
    for true_accuracy in sorted(p for p in block["true_accuracy"] if p > hyp["threshold"]):
        for name, case in cases.items():
            n_test = study.case_n_test(case, n_rows)
            sd = split_sd(evidence[name], n_test, true_accuracy)
            power = simulated_power(
                n_rows, n_test, sd, true_accuracy, hyp, block["max_seeds"], block["simulations"],
                rng,
            )  # fmt: skip
            # seeds needed: by the corrected t (J >= 2); one split's binomial test ignores
            # how the model changes with its training part, so it is not "one seed enough"
            reached = np.flatnonzero(power[1:] >= target) + 1
            limit = unlimited_power(n_rows, n_test, sd, true_accuracy, hyp)
            seeds = len(case["seeds"])
            rows.append(
                {
                    "case": name,
                    "n_test": n_test,
                    "n_train": n_rows - n_test,
                    "seeds": seeds,
                    "true_accuracy": true_accuracy,
                    "split_sd": sd,
                    "power": float(power[min(seeds, block["max_seeds"]) - 1]),
                    "seeds_needed": int(reached[0] + 1) if len(reached) else None,
                    "power_unlimited": limit,
                    "never": not len(reached) and limit < target,
                }
            )
    return rows


def report(files: dict, data: dict) -> dict:
    """The report section's values: the power table, and per case its rows of CASES and of
    DECISIONS (the template's sentences say what they mean)."""
    rows = TABLE.read(files["table"])
    return {
        "plot": files["plot"],
        "table": [r for r in rows if r["power"] is not None],
        "left_out": [r["true_accuracy"] for r in rows if r["power"] is None],
        "cases": {
            name: records(group)
            for name, group in CASES.read_frame(files["cases"]).groupby("case", sort=False)
        },
        "decisions": {
            name: records(group)
            for name, group in DECISIONS.read_frame(files["decisions"]).groupby("case", sort=False)
        },
    }
