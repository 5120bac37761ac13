# Power of the exact binomial test (digits_hypothesis/power.py): numbers, then the plot.
from digits_hypothesis import power

CASE_SIZES = power.case_sizes(CASES, DATA.n_rows)


# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    power,
    plot_power,


rule power:
    output:
        table=report(
            "results/power.csv", caption="../report/power.rst", category="Power"
        ),
        curve="results/power_curve.csv",
        cases="results/power_cases.csv",
    log:
        "results/logs/power.log",
    benchmark:
        "results/benchmarks/power.tsv"
    conda:
        "../environment.yml"
    params:
        threshold=config["hypothesis"]["threshold"],
        alpha=config["hypothesis"]["alpha"],
        true_accuracy=config["power"]["true_accuracy"],
        target_power=config["power"]["target_power"],
        max_n_test=config["power"]["max_n_test"],
        case_sizes=CASE_SIZES,
    script:
        "../scripts/power.py"


rule plot_power:
    input:
        table=rules.power.output.table,
        curve=rules.power.output.curve,
    output:
        plot=report(
            "results/plots/power.svg",
            caption="../report/power.rst",
            category="Power",
        ),
    log:
        "results/logs/plot_power.log",
    benchmark:
        "results/benchmarks/plot_power.tsv"
    conda:
        "../environment.yml"
    params:
        target_power=config["power"]["target_power"],
        case_sizes=CASE_SIZES,
        nouns=f"{DATA.noun}s",
    script:
        "../scripts/plot_power.py"
