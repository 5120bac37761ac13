# Power (digits_hypothesis/power.py): of one split's exact binomial test and of each case's
# decision; numbers, then the plot.
from digits_hypothesis import power

CASE_SIZES = power.case_sizes(CASES, DATA.n_rows)


# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    power,
    plot_power,


rule power:
    input:
        # each case's spread of accuracy over its seeds, for the decision's power
        hypothesis=rules.aggregate.output.hypothesis,
        code=code_of("power.py"),
    output:
        table=report(
            "results/power.csv", caption="../report/power.rst", category="Power"
        ),
        curve="results/power_curve.csv",
        cases="results/power_cases.csv",
        decisions="results/power_decisions.csv",
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
        cases=CASES,
        n_rows=DATA.n_rows,
        hypothesis=HYPOTHESIS,
        block=config["power"],
    script:
        "../scripts/power.py"


rule plot_power:
    input:
        table=rules.power.output.table,
        curve=rules.power.output.curve,
        code=code_of("plot_power.py"),
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
