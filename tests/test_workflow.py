"""End to end: the real Snakemake on the small study, checked against direct computations."""

import importlib.metadata
import json
import os
import re
import shutil

import numpy as np
import pytest
from scipy import stats
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from workflow import dry_run_jobs, read_summary, render_report, snakemake

from digits_hypothesis.own_images import PREDICTIONS

ORIGINAL_PREDICTIONS = [2, 8, 2, 6, 6, 7, 1, 9, 8, 5, 2, 8, 6, 6, 6, 6, 1, 0]
SMALL_BATCHES = ["original__seeds_0_1", "half__seeds_0_1", "half__seeds_2_3", "strat__seeds_0_1"]
# What runs again whenever a split's score changes.
DOWNSTREAM_OF_SCORES = {"aggregate", "plot_accuracy", "plot_confusion", "report", "all"}
SPLITS = [("original", 0), ("half", 0), ("half", 1), ("half", 2), ("strat", 0), ("strat", 1)]


def split_dir(workdir, case, seed):
    return workdir / "results" / "splits" / case / str(seed)


def test_every_split_has_its_files(small_run):
    for case, seed in SPLITS:
        folder = split_dir(small_run, case, seed)
        for name in (
            "model.skops",
            "predictions.csv",
            "score.json",
            "test_images.svg",
            "confusion_matrix.svg",
            "misclassified.svg",
        ):
            assert (folder / name).stat().st_size > 0, folder / name
    for name in (
        "summary.csv",
        "hypothesis.json",
        "report.html",
        "plots/accuracy_by_case.svg",
        "plots/dataset/first_digit.svg",
        "plots/dataset/first_ten.svg",
    ):
        assert (small_run / "results" / name).stat().st_size > 0


def test_original_case_predicts_the_eighteen_listed_digits(small_run):
    rows = (split_dir(small_run, "original", 0) / "predictions.csv").read_text().splitlines()
    assert rows[0] == "sample_index,true_label,predicted_label"
    assert [int(r.split(",")[2]) for r in rows[1:]] == ORIGINAL_PREDICTIONS


@pytest.mark.parametrize(("case", "seed"), SPLITS)
def test_accuracy_equals_a_direct_scikit_learn_call(small_run, case, seed):
    sizes = {"original": (0.01, False), "half": (0.5, False), "strat": (300, True)}
    test_size, stratify = sizes[case]
    digits = load_digits()
    data = digits.images.reshape((len(digits.images), -1))
    x_train, x_test, y_train, y_test = train_test_split(
        data,
        digits.target,
        test_size=test_size,
        random_state=seed,
        stratify=digits.target if stratify else None,
    )
    expected = SVC(gamma=0.001, C=100.0).fit(x_train, y_train).score(x_test, y_test)
    score = json.loads((split_dir(small_run, case, seed) / "score.json").read_text())
    assert score["n_test"] == len(y_test)
    assert score["n_train"] == len(y_train)
    assert score["accuracy"] == pytest.approx(expected, abs=1e-12)


def test_scores_match_scipy(small_run):
    for row in read_summary(small_run):
        k, n = int(row["n_correct"]), int(row["n_test"])
        test = stats.binomtest(k, n, 0.95, alternative="greater")
        assert float(row["p_value"]) == pytest.approx(test.pvalue, rel=1e-9)
        ci = stats.binomtest(k, n).proportion_ci(0.95, method="exact")
        assert float(row["ci_low"]) == pytest.approx(ci.low, abs=1e-9)
        assert float(row["ci_high"]) == pytest.approx(ci.high, abs=1e-9)
        lower = stats.binomtest(k, n, 0.95, alternative="less").pvalue
        assert float(row["p_refuted"]) == pytest.approx(lower, rel=1e-9)
        # one level for both tails
        expected = (
            "supported" if test.pvalue < 0.05 else "refuted" if lower < 0.05 else "inconclusive"
        )
        assert row["verdict"] == expected


def test_each_case_has_the_interval_of_the_test_that_decides_it(small_run):
    result = json.loads((small_run / "results" / "hypothesis.json").read_text())["cases"]
    rows = read_summary(small_run)
    for name in ("half", "strat"):  # several seeds: the corrected resampled t interval
        case = result[name]
        accuracy = np.array([float(r["accuracy"]) for r in rows if r["case"] == name])
        scale = np.sqrt(
            (1 / len(accuracy) + case["n_test"] / case["n_train"]) * accuracy.var(ddof=1)
        )
        low, high = stats.t.interval(0.95, len(accuracy) - 1, loc=accuracy.mean(), scale=scale)
        assert case["ci_low"] == pytest.approx(max(low, 0.0))
        assert case["ci_high"] == pytest.approx(min(high, 1.0))
    # one split: its Clopper-Pearson interval
    (original,) = [r for r in rows if r["case"] == "original"]
    assert result["original"]["ci_low"] == pytest.approx(float(original["ci_low"]))
    assert result["original"]["ci_high"] == pytest.approx(float(original["ci_high"]))


def test_hypothesis_json_has_cases_and_an_overall_verdict(small_run):
    result = json.loads((small_run / "results" / "hypothesis.json").read_text())
    assert set(result["cases"]) == {"original", "half", "strat"}
    assert result["min_supporting_n_test"] == 59
    assert result["cases"]["original"]["informative"] is False
    assert result["overall"]["verdict"] in {"supported", "refuted", "inconclusive"}
    accuracies = [float(r["accuracy"]) for r in read_summary(small_run) if r["case"] == "half"]
    assert result["cases"]["half"]["mean_accuracy"] == pytest.approx(np.mean(accuracies))


def test_report_shows_verdict_and_inlines_every_image(small_run):
    html = (small_run / "results" / "report.html").read_text()
    verdict = json.loads((small_run / "results" / "hypothesis.json").read_text())["overall"]
    assert f"Verdict: {verdict['verdict']}" in html
    # two figures per split (its confusion matrix is a table), the accuracy plot, the
    # confusion matrices of the cases, two data-set plots, the own-images contact sheet
    assert html.count('src="data:image/svg+xml;charset=utf-8,') == 2 * len(SPLITS) + 5
    assert "http://" not in html.replace("http://www.w3.org", "")


def test_report_lists_the_installed_version_of_every_required_package(small_run):
    html = (small_run / "results" / "report.html").read_text()
    table = re.search(r"<caption>Package versions</caption>(.*?)</table>", html, re.S).group(1)
    row = r'<th scope="row" class="text">([^<]+)</th><td class="text">([^<]+)<'
    listed = dict(re.findall(row, table))
    required = [
        line.split("==")[0]
        for line in (small_run / "requirements.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert "seaborn" in required and "pytest" not in listed
    assert list(listed) == ["python", *required]
    assert all(listed[name] == importlib.metadata.version(name) for name in required)


def test_no_op_rerun_runs_nothing(small_run):
    assert dry_run_jobs(small_run) == {}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # Threshold: the scores (the new writers' too), the accuracy plot (it draws the
        # threshold) and the report; nothing is refitted.
        (
            ["--config", 'hypothesis={"threshold": 0.9}'],
            {f"score__{b}" for b in SMALL_BATCHES} | {"score_new_writers"} | DOWNSTREAM_OF_SCORES,
        ),
        # Gallery size: the per-split plots and the report, nothing is refitted.
        (
            ["--config", 'plots={"gallery_size": 5}'],
            {f"plot__{b}" for b in SMALL_BATCHES} | {"report", "all"},
        ),
    ],
)
def test_a_parameter_change_reruns_only_what_it_touches(small_run, args, expected):
    assert set(dry_run_jobs(small_run, *args)) == expected


def test_adding_a_seed_adds_only_its_batch(small_run):
    # batch_size 2: seeds 0 and 1 of a case form one batch; seeds 2 and 3 the next.
    jobs = dry_run_jobs(small_run, "--config", 'cases={"half": {"seeds": [0, 1, 2, 3]}}')
    assert (
        set(jobs)
        == {
            "fit__half__seeds_2_3",
            "score__half__seeds_2_3",
            "plot__half__seeds_2_3",
            "baselines",  # one job for every split of the study
        }
        | DOWNSTREAM_OF_SCORES
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("templates/report.html.j2", {"report", "all"}),
        (
            "scripts/plot.py",
            {f"plot__{b}" for b in SMALL_BATCHES} | {"report", "all"},
        ),
        (
            "scripts/digits_hypothesis/verdict.py",
            # the baselines' per-case interval is verdict.interval_of_mean (chance.py)
            {f"score__{b}" for b in SMALL_BATCHES}
            | {"score_new_writers", "baselines"}
            | DOWNSTREAM_OF_SCORES,
        ),
    ],
)
def test_a_code_change_reruns_only_the_steps_that_use_it(small_run, path, expected):
    file = small_run / path
    text, stat = file.read_text(), file.stat()
    try:
        file.write_text(text + "\n# an edit\n")
        assert set(dry_run_jobs(small_run)) == expected
    finally:
        file.write_text(text)
        os.utime(file, (stat.st_atime, stat.st_mtime))
    assert dry_run_jobs(small_run) == {}


# A deleted per-split file is made again, and so is exactly what depends on it (the other
# files of its batch job are rewritten byte for byte, so their readers run again too).


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("score.json", {"score__half__seeds_0_1"} | DOWNSTREAM_OF_SCORES),
        ("misclassified.svg", {"plot__half__seeds_0_1", "report", "all"}),
        (
            "model.skops",
            {"fit__half__seeds_0_1", "score__half__seeds_0_1", "plot__half__seeds_0_1"}
            | DOWNSTREAM_OF_SCORES,
        ),
    ],
)
def test_a_deleted_split_file_is_made_again_with_what_depends_on_it(small_run, name, expected):
    folder = split_dir(small_run, "half", 1)
    # a skops file is a zip with timestamps: for a model, check the split's predictions
    kept = folder / ("predictions.csv" if name == "model.skops" else name)
    before = kept.read_bytes()
    (folder / name).unlink()
    assert set(dry_run_jobs(small_run)) == expected
    snakemake(small_run, "--cores", "2")
    assert (folder / name).exists() and kept.read_bytes() == before
    assert dry_run_jobs(small_run) == {}


def test_own_images_are_read_into_a_csv_and_a_contact_sheet(small_run):
    rows = (small_run / "results" / "own_images" / "predictions.csv").read_text().splitlines()
    header = rows[0].split(",")
    assert header[:8] == [
        "file",
        "predicted_label",
        "probability",
        "unsure",
        "second_label",
        "second_probability",
        "third_label",
        "third_probability",
    ]
    assert header[-1] == "error" and header[8:-1] == [f"probability_{d}" for d in range(10)]
    for row in PREDICTIONS.read(small_run / "results" / "own_images" / "predictions.csv"):
        if not row["error"]:  # the digit read is the most probable; they add up to one
            p = [row[f"probability_{d}"] for d in range(10)]
            assert row["probability"] == max(p) == p[row["predicted_label"]]
            assert row["probability"] >= row["second_probability"] >= row["third_probability"]
            assert sum(p) == pytest.approx(1, abs=1e-5)
            assert row["unsure"] == (row["probability"] < 0.5)
    files = sorted(p.name for p in (small_run / "images").iterdir())
    assert [r.split(",")[0] for r in rows[1:]] == files
    assert (small_run / "results" / "own_images" / "contact_sheet.svg").stat().st_size > 0
    html = (small_run / "results" / "report.html").read_text()
    assert "Your own images" in html and files[0] in html


def test_adding_an_image_rereads_the_images_only(small_run):
    new = small_run / "images" / "extra_copy.png"
    shutil.copy2(next((small_run / "images").glob("*.png")), new)
    try:
        assert set(dry_run_jobs(small_run)) == {
            "read_own_images",
            "draw_contact_sheet",
            "report",
            "all",
        }
    finally:
        new.unlink()
    assert dry_run_jobs(small_run) == {}


def test_snakemake_report_collects_the_annotated_outputs(small_run, tmp_path):
    import zipfile

    target = tmp_path / "snakemake-report.zip"
    snakemake(small_run, "--report", str(target))
    names = zipfile.ZipFile(target).namelist()
    assert any(n.endswith("report.html") for n in names)
    assert any(n.endswith("accuracy_by_case.svg") for n in names)
    assert any(n.endswith("contact_sheet.svg") for n in names)


def test_report_shows_config_strings_as_text_never_as_markup(small_run, tmp_path):
    # Case names cannot hold markup (the schema refuses them); other config strings reach the
    # report, so render the real report step with a hostile one and check it is escaped.
    hostile = "<script>alert(1)</script>"
    report = render_report(small_run, tmp_path, config={"own_images": hostile}, own_images=hostile)
    html = report.read_text()
    assert hostile not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_evidence_table_shows_the_whole_decision_rule(small_run):
    from digits_hypothesis.words import fmt_p

    html = (small_run / "results" / "report.html").read_text()
    hyp = json.loads((small_run / "results" / "hypothesis.json").read_text())
    evidence = html[html.index('id="evidence"') : html.index('id="original"')]
    assert "p (supported)" in evidence and "p (refuted)" in evidence
    # Informative cases have at least the 59 test images a 95% claim needs at alpha 0.05
    # (0.95^59 < 0.05 <= 0.95^58); a case refutes the claim overall below alpha / their number.
    assert 0.95**59 < 0.05 <= 0.95**58
    informative = sorted(name for name, case in hyp["cases"].items() if case["n_test"] >= 59)
    assert informative == sorted(hyp["overall"]["informative_cases"]) and informative
    assert f'<span class="bonferroni">{0.05 / len(informative):.3g}</span>' in evidence
    for name, case in hyp["cases"].items():
        row = evidence[evidence.index(f'<tr id="case-{name}">') :]
        row = row[: row.index("</tr>")]
        if case["t"] is not None:  # the t-test's lower tail, as scipy computes it
            assert case["p_refuted"] == pytest.approx(stats.t.cdf(case["t"], case["dof"]))
        assert f"<td>{fmt_p(case['p_supported'])}</td>" in row
        assert f"<td>{fmt_p(case['p_refuted'])}</td>" in row
