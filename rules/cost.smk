# Cost of the run (digits_hypothesis/cost.py): wall time and peak memory per rule, from the
# benchmark file of every job of the run but the report, whatever order rules are defined in.


# Seconds of work each: run on the submitting node, never queued on a cluster.
localrules:
    cost,


rule cost:
    input:
        benchmarks=run_benchmarks,
        code=code_of("cost.py"),
    output:
        csv=report("results/cost.csv", caption="../report/cost.rst", category="Cost"),
        plot=report(
            "results/plots/cost.svg", caption="../report/cost.rst", category="Cost"
        ),
    log:
        "results/logs/cost.log",
    benchmark:
        "results/benchmarks/cost.tsv"
    group:
        # it reads the benchmarks of `aggregate` and feeds `report`, both in this group
        "summary"
    conda:
        "../environment.yml"
    script:
        "../scripts/cost.py"
