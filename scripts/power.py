"""Power of the exact one-sided binomial test: the smallest test set that supports the claim
with the target probability, per assumed true accuracy, and the power of each case's test set.
"""

from digits_hypothesis import analysis_stats, logs
from digits_hypothesis.files import write_csv

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
threshold, alpha = smk.params.threshold, smk.params.alpha
target, max_n = smk.params.target_power, smk.params.max_n_test
case_sizes = smk.params.case_sizes

curves, table, cases = {}, [], []
for true_accuracy in sorted(smk.params.true_accuracy):
    sizes, critical, power = analysis_stats.power_curve(max_n, threshold, alpha, true_accuracy)
    curves[true_accuracy] = (sizes, critical, power)
    min_n, reached = analysis_stats.smallest_n(sizes, power, target)
    table.append(
        {
            "true_accuracy": true_accuracy,
            "min_n_test": "" if min_n is None else min_n,
            "power": reached,
        }
    )
    for case, n_test in case_sizes.items():
        case_power = float(power[n_test - 1]) if n_test <= max_n else None
        cases.append(
            {
                "case": case,
                "n_test": n_test,
                "true_accuracy": true_accuracy,
                "power": case_power,
                "min_n_test": "" if min_n is None else min_n,
                "enough": case_power is not None and case_power >= target,
            }
        )
    log.info("true accuracy %s: smallest n %s (power %.4f)", true_accuracy, min_n, reached)
write_csv(smk.output.table, table, analysis_stats.POWER_COLUMNS)
write_csv(smk.output.cases, cases, analysis_stats.CASE_POWER_COLUMNS)

# The curves up to a little past the largest size that matters (for the plot).
needed = [row["min_n_test"] or max_n for row in table] + list(case_sizes.values())
shown = min(max_n, int(max(needed) * 1.15) + 10)
curve = [
    {
        "true_accuracy": true_accuracy,
        "n_test": int(n),
        "critical_count": int(k) if k <= n else "",
        "power": float(p),
    }
    for true_accuracy, (sizes, critical, power) in curves.items()
    for n, k, p in zip(sizes[:shown], critical[:shown], power[:shown])
]
write_csv(smk.output.curve, curve, analysis_stats.CURVE_COLUMNS)
