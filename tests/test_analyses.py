"""The extra analyses end to end (tests/configs/analyses.yaml), every number checked against an
independent computation: direct scikit-learn fits, scipy, statsmodels, brute-force sums."""

import copy
import csv
import math
import re
import subprocess
import sys
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest
import yaml
from scipy import stats
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from workflow import ROOT, copy_workflow, dry_run_jobs, snakemake

from digits_hypothesis import datasets, power, reporting, rulegraph

CONFIG_PATH = ROOT / "tests" / "configs" / "analyses.yaml"
CONFIG = yaml.safe_load(CONFIG_PATH.read_text())
THRESHOLD, ALPHA = 0.95, 0.05


@pytest.fixture(scope="module")
def run(analyses_run):
    return analyses_run


@pytest.fixture(scope="module")
def digits():
    data = load_digits()
    return data.images.reshape((len(data.images), -1)), data.target


def read(workdir, name):
    with open(workdir / "results" / name, newline="") as handle:
        return list(csv.DictReader(handle))


def header(workdir, name):
    return (workdir / "results" / name).read_text().splitlines()[0].split(",")


def split(digits, test_size, seed):
    features, target = digits
    return train_test_split(features, target, test_size=test_size, random_state=seed)


def corrected_t(values, n_test, n_train, null):
    values = np.asarray(values, dtype=float)
    scale = math.sqrt((1 / len(values) + n_test / n_train) * values.var(ddof=1))
    return (values.mean() - null) / scale


def test_csv_columns_are_as_documented(run):
    assert header(run, "sensitivity.csv") == [
        "gamma",
        "C",
        "seed",
        "n_test",
        "n_correct",
        "accuracy",
    ]
    assert header(run, "learning_curve.csv")[:8] == [
        "train_size",
        "seed",
        "n_train",
        "n_test",
        "n_correct",
        "accuracy",
        "ci_low",
        "ci_high",
    ]
    assert header(run, "comparison.csv") == [
        "model",
        "case",
        "seed",
        "n_test",
        "n_correct",
        "accuracy",
        "claim_only_correct",
        "model_only_correct",
        "mcnemar_p",
    ]
    assert header(run, "power.csv") == ["true_accuracy", "min_n_test", "power"]
    assert header(run, "errors.csv") == [
        "sample_index",
        "true_label",
        "times_tested",
        "times_misclassified",
        "most_common_prediction",
    ]


def test_sensitivity_covers_the_grid_and_matches_direct_fits(run, digits):
    rows = read(run, "sensitivity.csv")
    block = CONFIG["sensitivity"]
    assert len(rows) == len(block["grid"]["gamma"]) * len(block["grid"]["C"]) * len(block["seeds"])
    for row in (rows[0], rows[-1], rows[5]):
        x_train, x_test, y_train, y_test = split(digits, block["test_size"], int(row["seed"]))
        model = SVC(gamma=float(row["gamma"]), C=float(row["C"])).fit(x_train, y_train)
        assert int(row["n_test"]) == len(y_test)
        assert int(row["n_correct"]) == int((model.predict(x_test) == y_test).sum())
        assert float(row["accuracy"]) == pytest.approx(model.score(x_test, y_test), abs=1e-12)


def test_sensitivity_grid_uses_the_corrected_t_test(run):
    rows = read(run, "sensitivity.csv")
    grid = read(run, "sensitivity_grid.csv")
    assert len(grid) == 4
    for point in grid:
        values = [
            float(r["accuracy"])
            for r in rows
            if (r["gamma"], r["C"]) == (point["gamma"], point["C"])
        ]
        n_test = int(point["n_test"])
        t = corrected_t(values, n_test, 1797 - n_test, THRESHOLD)
        assert float(point["t"]) == pytest.approx(t, rel=1e-9)
        p = stats.t.sf(t, len(values) - 1)
        assert float(point["p_supported"]) == pytest.approx(p, rel=1e-9)
        scale = math.sqrt((1 / len(values) + n_test / (1797 - n_test)) * np.var(values, ddof=1))
        low, high = stats.t.interval(0.95, len(values) - 1, loc=np.mean(values), scale=scale)
        assert float(point["ci_low"]) == pytest.approx(max(low, 0.0), rel=1e-9)
        assert float(point["ci_high"]) == pytest.approx(min(high, 1.0), rel=1e-9)
    # the grid is one family: Holm over its points, each direction, as statsmodels does it
    for tail in ("supported", "refuted"):
        adjusted = multipletests([float(g[f"p_{tail}"]) for g in grid], method="holm")[1]
        assert [float(g[f"p_{tail}_holm"]) for g in grid] == pytest.approx(list(adjusted))
    for g in grid:
        expected = (
            "supported"
            if float(g["p_supported_holm"]) < ALPHA
            else "refuted"
            if float(g["p_refuted_holm"]) < ALPHA
            else "inconclusive"
        )
        assert g["verdict"] == expected
    verdicts = {(g["gamma"], g["C"]): g["verdict"] for g in grid}
    assert verdicts[("0.01", "1")] != "supported"  # gamma 0.01 overfits: ~80% accuracy


def test_learning_curve_uses_the_first_rows_of_each_training_part(run, digits):
    block = CONFIG["learning_curve"]
    rows = read(run, "learning_curve.csv")
    assert len(rows) == len(block["train_sizes"]) * len(block["seeds"])
    for row in (rows[0], rows[-1]):
        size, seed = int(row["train_size"]), int(row["seed"])
        x_train, x_test, y_train, y_test = split(digits, block["test_size"], seed)
        model = SVC(gamma=0.001, C=100).fit(x_train[:size], y_train[:size])
        k, n = int((model.predict(x_test) == y_test).sum()), len(y_test)
        assert (int(row["n_train"]), int(row["n_test"]), int(row["n_correct"])) == (size, n, k)
        ci = stats.binomtest(k, n).proportion_ci(0.95, method="exact")
        assert float(row["ci_low"]) == pytest.approx(ci.low, abs=1e-9)
        assert float(row["ci_high"]) == pytest.approx(ci.high, abs=1e-9)
        p = stats.binomtest(k, n, THRESHOLD, alternative="greater").pvalue
        assert float(row["p_value"]) == pytest.approx(p, rel=1e-9)
    # each training size judged as a case is: corrected t over its seeds (n_test / n_train
    # with n_train the size), Holm over the sizes
    sizes = read(run, "learning_curve_sizes.csv")
    assert [int(s["train_size"]) for s in sizes] == block["train_sizes"]
    p_values = []
    for size in sizes:
        values = [float(r["accuracy"]) for r in rows if r["train_size"] == size["train_size"]]
        t = corrected_t(values, int(size["n_test"]), int(size["train_size"]), THRESHOLD)
        assert float(size["t"]) == pytest.approx(t, rel=1e-9)
        p_values.append(stats.t.sf(t, len(values) - 1))
        assert float(size["p_supported"]) == pytest.approx(p_values[-1], rel=1e-9)
    adjusted = multipletests(p_values, method="holm")[1]
    assert [float(s["p_supported_holm"]) for s in sizes] == pytest.approx(list(adjusted))
    supported = [s for s, p in zip(sizes, adjusted) if p < ALPHA]
    assert [s["verdict"] == "supported" for s in sizes] == [p < ALPHA for p in adjusted]
    html = (run / "results" / "report.html").read_text()
    if supported:
        smallest = supported[0]["train_size"]
        assert f"the claim is supported is {smallest} images" in html
    else:
        assert "At no training size tried do the seeds support the claim" in html


def test_comparison_matches_direct_fits_and_statsmodels_mcnemar(run, digits):
    rows = read(run, "comparison.csv")
    case = CONFIG["cases"]["quarter"]
    assert [r["model"] for r in rows] == ["claim"] * 3 + ["knn"] * 3 + ["forest"] * 3
    models = {
        "knn": lambda: KNeighborsClassifier(n_neighbors=3),
        "forest": lambda: RandomForestClassifier(n_estimators=20, n_jobs=1, random_state=0),
    }
    for row in rows:
        seed = int(row["seed"])
        x_train, x_test, y_train, y_test = split(digits, case["test_size"], seed)
        claim = read(run, f"splits/quarter/{seed}/predictions.csv")
        claim_right = np.array([int(r["predicted_label"]) for r in claim]) == y_test
        if row["model"] == "claim":
            assert int(row["n_correct"]) == claim_right.sum()
            continue
        right = models[row["model"]]().fit(x_train, y_train).predict(x_test) == y_test
        both, neither = int((right & claim_right).sum()), int((~right & ~claim_right).sum())
        b, c = int((claim_right & ~right).sum()), int((right & ~claim_right).sum())
        assert (int(row["claim_only_correct"]), int(row["model_only_correct"])) == (b, c)
        assert int(row["n_correct"]) == right.sum()
        expected = mcnemar([[both, b], [c, neither]], exact=True).pvalue
        assert float(row["mcnemar_p"]) == pytest.approx(expected, rel=1e-9)
    summary = {m["model"]: m for m in read(run, "comparison_models.csv")}
    assert list(summary) == ["claim", "knn", "forest"]
    for name in ("knn", "forest"):
        differences = [
            float(m["accuracy"]) - float(c["accuracy"])
            for m, c in zip(
                [r for r in rows if r["model"] == name], [r for r in rows if r["model"] == "claim"]
            )
        ]
        t = corrected_t(differences, 450, 1347, 0.0)
        assert float(summary[name]["t"]) == pytest.approx(t, rel=1e-9)
        p = 2 * stats.t.sf(abs(t), len(differences) - 1)
        assert float(summary[name]["p_value"]) == pytest.approx(p, rel=1e-9)
        # the interval of the mean difference, and TOST within +/- the margin by hand
        scale = math.sqrt((1 / 3 + 450 / 1347) * np.var(differences, ddof=1))
        low, high = stats.t.interval(0.95, 2, loc=np.mean(differences), scale=scale)
        assert float(summary[name]["ci_low"]) == pytest.approx(low, rel=1e-9)
        assert float(summary[name]["ci_high"]) == pytest.approx(high, rel=1e-9)
        margin = float(summary[name]["equivalence_margin"])
        assert margin == 0.01  # the schema's default
        tost = max(
            stats.t.sf((np.mean(differences) + margin) / scale, 2),
            stats.t.cdf((np.mean(differences) - margin) / scale, 2),
        )
        assert float(summary[name]["p_equivalence"]) == pytest.approx(tost, rel=1e-9)
    # Holm over the compared models, for differences and for equivalence
    others = [summary[name] for name in ("knn", "forest")]
    for raw, held in (("p_value", "p_holm"), ("p_equivalence", "p_equivalence_holm")):
        adjusted = multipletests([float(m[raw]) for m in others], method="holm")[1]
        assert [float(m[held]) for m in others] == pytest.approx(list(adjusted))
    for m in others:
        t = float(m["t"])
        expected = (
            ("better" if t > 0 else "worse")
            if float(m["p_holm"]) < ALPHA
            else "equivalent"
            if float(m["p_equivalence_holm"]) < ALPHA
            else "inconclusive"
        )
        assert m["verdict"] == expected
    html = (run / "results" / "report.html").read_text()
    assert "not significantly different (they match" not in html


def exact_tail(n, k, p):
    """P(X >= k) for X ~ Bin(n, p), p a Fraction: exact."""
    return sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k, n + 1))


def brute_force_power(n, p0, alpha, p1):
    """The critical count by exact search from the top, and the power at p1 (exact)."""
    tail, k = Fraction(0), n + 1
    while k > 0:
        term = math.comb(n, k - 1) * p0 ** (k - 1) * (1 - p0) ** (n - k + 1)
        if tail + term >= alpha:
            break
        tail += term
        k -= 1
    return (0.0 if k > n else float(exact_tail(n, k, p1))), k


def test_power_matches_a_brute_force_binomial_sum(run):
    p0, alpha = Fraction(95, 100), Fraction(5, 100)
    rows = read(run, "power.csv")
    assert [float(r["true_accuracy"]) for r in rows] == [0.98, 0.99]
    for row in rows:
        p1 = Fraction(str(row["true_accuracy"]))
        n = int(row["min_n_test"])
        power, _ = brute_force_power(n, p0, alpha, p1)
        assert power >= 0.8
        assert float(row["power"]) == pytest.approx(power, rel=1e-9)
        # "smallest n": no smaller test set reaches the target (power is a saw-tooth).
        assert all(brute_force_power(m, p0, alpha, p1)[0] < 0.8 for m in range(1, n))
    cases = read(run, "power_cases.csv")
    for row in cases:
        p1 = Fraction(str(row["true_accuracy"]))
        power, _ = brute_force_power(int(row["n_test"]), p0, alpha, p1)
        assert float(row["power"]) == pytest.approx(power, rel=1e-9)


def test_the_power_of_each_cases_decision_is_simulated_and_reported(run):
    rows = read(run, "power_decisions.csv")
    hypothesis = yaml.safe_load((run / "results" / "hypothesis.json").read_text())
    assert {(r["case"], float(r["true_accuracy"])) for r in rows} == {
        (case, p) for case in CONFIG["cases"] for p in (0.98, 0.99)
    }
    for r in rows:
        case = hypothesis["cases"][r["case"]]
        assert int(r["seeds"]) == case["n_splits"] and int(r["n_test"]) == case["n_test"]
        binomial = math.sqrt(
            float(r["true_accuracy"]) * (1 - float(r["true_accuracy"])) / case["n_test"]
        )
        assert float(r["split_sd"]) == pytest.approx(max(case["sd_accuracy"] or 0, binomial))
        needed = r["seeds_needed"]
        assert r["never"] == str(not needed and float(r["power_unlimited"]) < 0.8)
        if needed:
            assert int(needed) >= 2  # the corrected t: at least two seeds
        if case["n_splits"] == 1:  # one split: the exact binomial test's power
            single = [
                c
                for c in read(run, "power_cases.csv")
                if c["case"] == r["case"] and c["true_accuracy"] == r["true_accuracy"]
            ]
            assert float(r["power"]) == pytest.approx(float(single[0]["power"]))
    html = (run / "results" / "report.html").read_text()
    assert 'id="power-decision"' in html


def test_power_leaves_out_true_accuracies_the_claim_excludes(run, tmp_path):
    # The README's example raises the threshold to 0.97: 0.96 and 0.97 are then not above
    # it, so the table leaves them out and the report says so; 0.98 and 0.99 are as a
    # direct computation at threshold 0.97 gives them.
    table, cases, curve = power.compute([0.99, 0.96, 0.98, 0.97], 0.97, 0.05, 0.8, 3000, {"a": 450})
    assert [(r["true_accuracy"], r["min_n_test"]) for r in table[:2]] == [
        (0.96, None),
        (0.97, None),
    ]
    p0, alpha = Fraction(97, 100), Fraction(5, 100)
    for row in table[2:]:
        assert (
            brute_force_power(row["min_n_test"], p0, alpha, Fraction(str(row["true_accuracy"])))[0]
            >= 0.8
        )
    assert (
        {r["true_accuracy"] for r in cases} == {r["true_accuracy"] for r in curve} == {0.98, 0.99}
    )
    files = {name: tmp_path / f"{name}.csv" for name in ("table", "cases", "curve", "decisions")}
    for name, rows in (("table", table), ("cases", cases), ("curve", curve)):
        getattr(power, "TABLE" if name == "table" else name.upper()).write(files[name], rows)
    block = {"true_accuracy": [0.96, 0.98], "target_power": 0.8, "max_seeds": 50}
    block.update(simulations=200, seed=0)
    decisions = power.decision_power(
        {"a": {"test_size": 450, "seeds": [0, 1, 2]}},
        {"a": {"sd_accuracy": 0.005}},
        1797,
        {"threshold": 0.97, "alpha": 0.05},
        block,
    )
    assert [r["true_accuracy"] for r in decisions] == [0.98]  # 0.96 is not above 0.97
    power.DECISIONS.write(files["decisions"], decisions)
    assert files["table"].read_text().splitlines()[1:3] == ["0.96,,", "0.97,,"]
    plot = run / "results" / "plots" / "power.svg"
    section = power.report({**files, "plot": plot}, datasets.DIGITS.as_dict())
    assert section["left_out"] == [0.96, 0.97]
    assert [r["true_accuracy"] for r in section["table"]] == [0.98, 0.99]
    template = reporting.environment(str(ROOT / "templates")).get_template("analyses/power.html.j2")
    hyp = {"threshold": 0.97, "alpha": 0.05}
    hypothesis = {"overall": {"informative_cases": ["a"]}, "cases": {"a": {"verdict": "x"}}}
    hypothesis["cases"]["a"].update(n_train=1347, n_splits=3, mean_accuracy=0.975)
    html = template.render(
        a=section,
        hyp=hyp,
        nouns="images",
        config={"power": block},
        hypothesis=hypothesis,
        data=datasets.DIGITS.as_dict(),
        other=False,  # a claim on accuracy (report.html.j2 sets these for its blocks)
        mname="accuracy",
    )
    assert "What would decide it." in html and "At a true accuracy of 98%" in html
    assert "Left out: 96%, 97%" in re.sub(r"\s+", " ", html)


def test_errors_match_a_recount_of_every_prediction(run):
    tested, wrong, labels, pairs = Counter(), {}, {}, Counter()
    for path in sorted((run / "results" / "splits").glob("*/*/predictions.csv")):
        with open(path, newline="") as handle:
            for r in csv.DictReader(handle):
                i, t, p = int(r["sample_index"]), int(r["true_label"]), int(r["predicted_label"])
                tested[i] += 1
                labels[i] = t
                if t != p:
                    wrong.setdefault(i, Counter())[p] += 1
                    pairs[(t, p)] += 1
    expected = sorted(
        (
            [
                i,
                labels[i],
                tested[i],
                sum(c.values()),
                sorted(c.items(), key=lambda item: (-item[1], item[0]))[0][0],
            ]
            for i, c in wrong.items()
        ),
        key=lambda r: (-r[3], r[0]),
    )
    got = [[int(v) for v in r.values()] for r in read(run, "errors.csv")]
    assert got == expected and got
    top = read(run, "confused_pairs.csv")
    assert len(top) == min(CONFIG["errors"]["top_pairs"], len(pairs))
    assert [int(r["count"]) for r in top] == sorted(pairs.values(), reverse=True)[: len(top)]
    assert (run / "results" / "plots" / "errors.svg").stat().st_size > 0


def test_cost_sums_every_job_but_the_report_under_its_rule(run):
    rows = {r["rule"]: r for r in read(run, "cost.csv")}
    benchmarks = list((run / "results" / "benchmarks").rglob("*.tsv"))
    assert "report" not in rows and "cost" not in rows
    assert sum(int(r["jobs"]) for r in rows.values()) == len(benchmarks) - 2
    n_fit = len(list((run / "results" / "benchmarks" / "fit").glob("*.tsv")))
    assert int(rows["fit"]["jobs"]) == n_fit and n_fit >= 2
    assert int(rows["sensitivity_fit"]["jobs"]) == 2  # one per gamma
    assert not any("__" in rule for rule in rows)
    for r in rows.values():
        assert float(r["wall_s_max"]) <= float(r["wall_s_sum"]) + 1e-9


def test_report_has_a_section_per_analysis_and_cost_last(run):
    html = (run / "results" / "report.html").read_text()
    ids = ["sensitivity", "learning-curve", "comparison", "power", "errors"]
    positions = [html.index(f'id="{i}"') for i in ids]
    assert positions == sorted(positions)
    assert html.index('id="own-images"') > positions[-1]
    cost = html.index('<section id="cost">')
    assert html.index('id="methods"') < cost < html.index('id="provenance"')
    supported = sum(g["verdict"] == "supported" for g in read(run, "sensitivity_grid.csv"))
    assert f"The claim is supported at {supported} of 4 grid points" in html
    for tag in re.findall(r"<img [^>]*>", html):
        assert re.search(r'alt="[^"]+"', tag), tag


def test_outputs_are_byte_identical_when_made_again(run):
    before = {
        name: (run / "results" / name).read_bytes()
        for name in (
            "sensitivity.csv",
            "sensitivity_grid.csv",
            "learning_curve.csv",
            "comparison.csv",
            "comparison_models.csv",
            "power.csv",
            "power_cases.csv",
            "errors.csv",
            "confused_pairs.csv",
        )
    }
    report = (run / "results" / "report.html").read_text()
    snakemake(
        run,
        "--cores",
        "2",
        "--forcerun",
        "comparison_fit",
        "sensitivity",
        "learning_curve",
        "power",
        "errors",
    )
    for name, data in before.items():
        assert (run / "results" / name).read_bytes() == data, name

    def stable(text):
        # What differs from run to run: the run's cost (its section and its CSV), the date,
        # the command, and the comparison with the previous run (and its contents entry).
        for varying in (
            r'<section id="cost">.*?</section>',
            r'<tr><th scope="row" class="text"><a [^>]* download="cost.csv">.*?</tr>',
            r'<p class="muted" id="generated">.*?</p>',
            r'<dl class="provenance">.*?</dl>',
            r'<section id="changes".*?</section>',
            r'<nav class="toc".*?</nav>',
            r' · <a href="#changes">.*?</a>',
        ):
            text = re.sub(varying, "", text, flags=re.S)
        return text

    import difflib

    new = stable((run / "results" / "report.html").read_text())
    assert new == stable(report), "".join(
        list(difflib.unified_diff(stable(report).splitlines(True), new.splitlines(True)))[:40]
    )
    assert dry_run_jobs(run) == {}


def test_no_op_rerun_runs_nothing(run):
    assert dry_run_jobs(run) == {}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # A new gamma: one new sensitivity batch, nothing refitted.
        (
            ["--config", 'sensitivity={"grid": {"gamma": [0.001, 0.01, 0.003]}}'],
            {"sensitivity_fit": 1, "sensitivity": 1, "plot_sensitivity": 1},
        ),
        # A seed in a new seed batch (batch_size 2): one new batch per gamma.
        (
            ["--config", 'sensitivity={"seeds": [0, 1, 2]}'],
            {"sensitivity_fit": 2, "sensitivity": 1, "plot_sensitivity": 1},
        ),
        # A new training size: its batch only.
        (
            ["--config", 'learning_curve={"train_sizes": [30, 600, 200]}'],
            {"learning_curve_fit": 1, "learning_curve": 1, "plot_learning_curve": 1},
        ),
        # One comparison model's parameter: that model only.
        (
            ["--config", 'comparison={"models": {"knn": {"params": {"n_neighbors": 5}}}}'],
            {"comparison_fit": 1, "comparison": 1, "plot_comparison": 1},
        ),
        # Power settings: power and its plot.
        (["--config", 'power={"target_power": 0.9}'], {"power": 1, "plot_power": 1}),
        (["--config", 'errors={"gallery_size": 3}'], {"plot_errors": 1}),
    ],
)
def test_a_change_reruns_only_its_own_branch(run, args, expected):
    # `cost` reads every job's benchmark, so it (and the report) follow any job.
    assert dry_run_jobs(run, *args) == {**expected, "cost": 1, "report": 1, "all": 1}


def test_a_threshold_change_refits_nothing(run):
    jobs = dry_run_jobs(run, "--config", 'hypothesis={"threshold": 0.97}')
    assert not [rule for rule in jobs if rule.endswith("_fit") or rule.startswith("fit__")]
    assert {"sensitivity", "learning_curve", "power", "aggregate", "report"} <= set(jobs)


def test_no_analyses_is_the_hypothesis_study_alone(run, tmp_path):
    fresh = copy_workflow(tmp_path, config=CONFIG_PATH)
    jobs = dry_run_jobs(fresh, "--config", "analyses=[]")
    stems = {rulegraph.stem(rule) for rule in jobs}
    assert stems == {
        "prepare_data",
        "prepare_new_writers",
        "read_new_writers",
        "score_new_writers",
        "plot_dataset",
        "fit",
        "score",
        "plot",
        "aggregate",
        "plot_accuracy",
        "plot_confusion",
        "baselines",
        "train_final_model",
        "read_own_images",
        "draw_contact_sheet",
        "report",
        "all",
    }
    # Their rules stay defined (so `--forcerun sensitivity` always names a rule) but
    # nothing of theirs is in the run.
    listed = snakemake(fresh, "--list-rules", "--config", "analyses=[]").stdout.split()
    assert {"sensitivity", "power", "errors", "cost", "comparison"} <= set(listed)
    # After a full run, turning the analyses off touches only the report.
    assert set(dry_run_jobs(run, "--config", "analyses=[]")) == {"report", "all"}


def with_change(path, value):
    config = copy.deepcopy(CONFIG)
    *parents, last = path.split(".")
    node = config
    for key in parents:
        node = node[key]
    node[last] = value
    return config


BAD = [
    ("unknown analysis", with_change("analyses", ["power", "tea"]), "analyses"),
    ("comparison case", with_change("comparison.case", "nope"), "comparison.case"),
    (
        "negative gamma",
        with_change("sensitivity.grid.gamma", [0.001, -1]),
        "sensitivity.grid.gamma",
    ),
    ("no C", with_change("sensitivity.grid.C", []), "sensitivity.grid.C"),
    (
        "not a parameter",
        with_change("sensitivity.grid", {"gamma": [1], "depth": [2]}),
        "grid.depth",
    ),
    ("the old form", with_change("sensitivity.gamma", [0.001]), "sensitivity"),
    ("1e-3 as text", with_change("sensitivity.grid.gamma", ["1e-3"]), "write it as 0.001"),
    (
        "a merged grid",
        with_change("sensitivity.grid.degree", [2, 3]),
        "--replace-workflow-config",
    ),
    ("test size 1.5", with_change("sensitivity.test_size", 1.5), "sensitivity.test_size"),
    ("train size", with_change("learning_curve.train_sizes", [30, 1500]), "train_sizes"),
    ("true accuracy", with_change("power.true_accuracy", [0.9, 0.95]), "power.true_accuracy"),
    ("target power", with_change("power.target_power", 1.5), "power.target_power"),
    ("gallery", with_change("errors.gallery_size", 0), "errors.gallery_size"),
    (
        "model parameter",
        with_change("comparison.models.knn.params", {"n_neigbors": 3}),
        "comparison.models.knn.params.n_neigbors",
    ),
    ("model named claim", with_change("comparison.models.claim", {"estimator": "knn"}), "models"),
]


@pytest.fixture(scope="module")
def config_workdir(tmp_path_factory):
    return copy_workflow(tmp_path_factory.mktemp("bad_analyses"), config=None)


@pytest.mark.parametrize(("label", "config", "key"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_analysis_config_stops_before_any_job(config_workdir, label, config, key):
    (config_workdir / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    result = snakemake(config_workdir, "--cores", "1", check=False)
    message = result.stdout + result.stderr
    assert result.returncode != 0, label
    assert "Invalid config key" in message and key in message, message[-2000:]
    assert "Traceback" not in message
    assert not (config_workdir / "results").exists()


def test_the_rule_graph_in_the_readme_is_up_to_date():
    # Drawn for the default config, with generated batch rules under their step (see README):
    # every rule of the default run, by step.
    graph = subprocess.run(
        [sys.executable, "-m", "snakemake", "--workflow-profile", "none", "--rulegraph"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    expected = {rulegraph.stem(name) for name in re.findall(r'label = "([^"]+)"', graph)}
    svg = (ROOT / "docs" / "rulegraph.svg").read_text()
    drawn = set(
        re.findall(
            r'<g id="node\d+" class="node">\s*<title>[^<]*</title>\s*'
            r"(?:<[^t][^>]*>\s*)*<text[^>]*>([^<]+)</text>",
            svg,
        )
    )
    assert drawn == expected, f"redraw docs/rulegraph.svg (README): {drawn ^ expected}"
    assert "docs/rulegraph.svg" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize(
    ("break_it", "named"),
    [
        (
            lambda d: (d / "templates" / "analyses" / "power.html.j2").unlink(),
            "analysis 'power': templates/analyses/power.html.j2 does not exist",
        ),
        (
            lambda d: (d / "scripts" / "digits_hypothesis" / "plots" / "power.py").write_text(
                '"""No figure here."""\n'
            ),
            "analysis 'power': scripts/digits_hypothesis/plots/power.py has no figure()",
        ),
        (
            lambda d: (d / "rules" / "power.smk").write_text(
                (d / "rules" / "power.smk")
                .read_text()
                .replace("rule plot_power:", "rule plot_pwr:")
            ),
            "analysis 'power': rules/power.smk defines no rule plot_power",
        ),
        (
            lambda d: (d / "config" / "schema.yaml").write_text(
                (d / "config" / "schema.yaml")
                .read_text()
                .replace(
                    "enum: [sensitivity, learning_curve,", "enum: [learning_curve, sensitivity,"
                )
            ),
            "config/schema.yaml lists the analyses",
        ),
    ],
    ids=["template", "figure", "rule", "schema order"],
)
def test_a_broken_registry_stops_the_parse_naming_the_part(tmp_path, break_it, named):
    fresh = copy_workflow(tmp_path, config=CONFIG_PATH)
    break_it(fresh)
    result = snakemake(fresh, "-n", check=False)
    assert result.returncode != 0
    assert f"Broken analysis registry: {named}" in result.stdout + result.stderr
