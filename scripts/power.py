"""Power of the exact one-sided binomial test: the smallest test set that supports the claim
with the target probability, per assumed true accuracy, and the power of each case's test set;
and the power of each case's decision (corrected t over its seeds), simulated.
"""

from digits_hypothesis import logs, power
from digits_hypothesis.files import read_json

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
table, cases, curve = power.compute(
    smk.params.true_accuracy,
    smk.params.threshold,
    smk.params.alpha,
    smk.params.target_power,
    smk.params.max_n_test,
    smk.params.case_sizes,
)
power.TABLE.write(smk.output.table, table)
power.CASES.write(smk.output.cases, cases)
power.CURVE.write(smk.output.curve, curve)
decisions = power.decision_power(
    smk.params.cases,
    read_json(smk.input.hypothesis)["cases"],
    smk.params.n_rows,
    smk.params.hypothesis,
    smk.params.block,
)
power.DECISIONS.write(smk.output.decisions, decisions)
for row in table:
    log.info("true accuracy %s: smallest n %s (power %s)", *row.values())
