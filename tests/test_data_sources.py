"""The claim's data as a choice (config `data`): scikit-learn's bundled data sets run the same
study, each cross-checked against direct scikit-learn and scipy calls."""

from __future__ import annotations

import csv
import json
import re
import shutil

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy import stats
from sklearn import datasets as sk
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from workflow import ROOT, copy_workflow, dry_run_jobs, snakemake

from digits_hypothesis import datasets

STUDY = {
    "model": {"estimator": "svc", "params": {"gamma": "scale", "C": 10}, "scale": True},
    "cases": {
        "half": {"test_size": 0.5, "seeds": [0, 1, 2]},
        "strat": {"test_size": 0.4, "repeats": 2, "stratify": True},
    },
    "hypothesis": {"threshold": 0.9, "alpha": 0.05, "confidence": 0.95},
    "batch_size": 2,
    "analyses": ["errors"],
}


@pytest.mark.parametrize("name", sorted(datasets.SKLEARN))
def test_the_facts_match_scikit_learn_s_loaders(name):
    loaded = getattr(sk, f"load_{name}")()
    facts = datasets.SKLEARN[name]
    assert facts.n_rows == len(loaded.target)
    assert facts.n_features == loaded.data.shape[1]
    assert facts.classes == [str(c) for c in loaded.target_names]
    assert facts.class_counts == np.bincount(loaded.target).tolist()
    assert facts.images == hasattr(loaded, "images")


@pytest.fixture(scope="module", params=["iris", "wine", "breast_cancer"])
def run(request, tmp_path_factory):
    workdir = copy_workflow(tmp_path_factory.mktemp(request.param), config=None)
    config = {"data": {"source": "sklearn", "name": request.param}, **STUDY}
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    snakemake(workdir, "--cores", "2")
    return request.param, workdir


def read_csv(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def test_predictions_are_those_of_a_direct_scikit_learn_fit(run):
    name, workdir = run
    loaded = getattr(sk, f"load_{name}")()
    for case, spec in STUDY["cases"].items():
        seeds = spec.get("seeds") or range(spec["repeats"])
        for seed in seeds:
            train, test = train_test_split(
                np.arange(len(loaded.target)),
                test_size=spec["test_size"],
                random_state=seed,
                stratify=loaded.target if spec.get("stratify") else None,
            )
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import StandardScaler

            model = make_pipeline(StandardScaler(), SVC(gamma="scale", C=10))
            predicted = model.fit(loaded.data[train], loaded.target[train]).predict(
                loaded.data[test]
            )
            rows = read_csv(workdir / "results" / "splits" / case / str(seed) / "predictions.csv")
            assert [int(r["sample_index"]) for r in rows] == test.tolist()
            assert [int(r["predicted_label"]) for r in rows] == predicted.tolist()


def test_each_split_s_verdict_is_the_exact_binomial_test(run):
    _, workdir = run
    for row in read_csv(workdir / "results" / "summary.csv"):
        n, k = int(row["n_test"]), int(row["n_correct"])
        p = stats.binomtest(k, n, 0.9, alternative="greater").pvalue
        assert float(row["p_value"]) == pytest.approx(p, rel=1e-9)
        assert (row["verdict"] == "supported") == (p < 0.05)


def test_each_case_s_verdict_is_the_corrected_t_test(run):
    # Nadeau & Bengio's corrected resampled t-test, computed here from summary.csv with scipy.
    _, workdir = run
    rows = read_csv(workdir / "results" / "summary.csv")
    cases = json.loads((workdir / "results" / "hypothesis.json").read_text())["cases"]
    for name, case in cases.items():
        accuracy = np.array([float(r["accuracy"]) for r in rows if r["case"] == name])
        n_test, n_train = case["n_test"], case["n_train"]
        scale = np.sqrt((1 / len(accuracy) + n_test / n_train) * accuracy.var(ddof=1))
        t = (accuracy.mean() - 0.9) / scale
        assert case["t"] == pytest.approx(t, rel=1e-9)
        assert case["p_supported"] == pytest.approx(stats.t.sf(t, len(accuracy) - 1), rel=1e-9)
        if case["informative"]:
            assert (case["verdict"] == "supported") == (case["p_supported"] < 0.05)


def test_per_class_columns_and_names_follow_the_data(run):
    name, workdir = run
    facts = datasets.SKLEARN[name]
    header = read_csv(workdir / "results" / "summary.csv")[0].keys()
    assert [c for c in header if c.startswith("recall_")] == [
        f"recall_{k}" for k in range(facts.n_classes)
    ]
    described = json.loads((workdir / "results" / "data" / "dataset.json").read_text())
    assert described["classes"] == facts.classes and described["n_samples"] == facts.n_rows
    claim = json.loads((workdir / "results" / "hypothesis.json").read_text())["claim"]
    assert facts.title in claim and "digit" not in claim
    page = (workdir / "results" / "report.html").read_text()
    # the page's words (not its script, style or the config it quotes, which names own_images)
    text = re.sub(r"<(script|style|pre)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S)
    for class_name in facts.classes:
        assert class_name in text
    assert not re.search(r"\bdigits?\b|\bimages?\b|1,797", text, flags=re.I), re.findall(
        r".{40}\b(?:digits?|images?|1,797)\b.{40}", text, flags=re.I
    )[:5]


def test_no_image_steps_run_for_data_that_are_not_images(run):
    _, workdir = run
    jobs = dry_run_jobs(workdir, "--forceall")
    assert not {"plot_dataset", "train_final_model", "read_own_images", "plot_errors"} & set(jobs)
    assert not any(rule.startswith("plot__") for rule in jobs)


def test_errors_list_the_rows_most_often_wrong_with_their_features(run):
    name, workdir = run
    loaded = getattr(sk, f"load_{name}")()
    errors = read_csv(workdir / "results" / "errors.csv")
    rows = read_csv(workdir / "results" / "errors_rows.csv")
    assert [r["sample_index"] for r in rows] == [r["sample_index"] for r in errors][: len(rows)]
    for row in rows:
        values = [float(row[str(f)]) for f in loaded.feature_names]
        assert values == pytest.approx(loaded.data[int(row["sample_index"])].tolist())


@pytest.mark.parametrize(
    ("data", "extra", "message"),
    [
        ({"source": "sklearn"}, {}, "Invalid config key 'data.name': source sklearn needs a name"),
        ({"source": "digits", "name": "iris"}, {}, "Invalid config key 'data.name'"),
        ({"source": "sklearn", "name": "mnist"}, {}, "Invalid config key 'data.name'"),
        (
            {"source": "sklearn", "name": "iris"},
            {"cases": {"big": {"test_size": 148, "seeds": [0]}}},
            "Invalid config key 'cases.big.test_size': 148 gives 148 test flowers; it must "
            "give between 1 and 147",
        ),
    ],
)
def test_a_bad_data_block_stops_before_any_job(tmp_path, data, extra, message):
    workdir = copy_workflow(tmp_path, config=None)
    config = {"data": data, **STUDY, **extra}
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    result = snakemake(workdir, "-n", check=False)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert not (workdir / "results").exists()


# --------------------------------------------------------------------------- tables

EXAMPLE = ROOT / "examples"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The README's example, run as the README says: examples/iris.yaml on examples/iris.csv."""
    workdir = copy_workflow(tmp_path_factory.mktemp("example"), config=None)
    args = ["--configfile", "examples/iris.yaml", "--replace-workflow-config"]
    snakemake(workdir, "--cores", "2", *args)
    return workdir


def test_the_example_table_is_read_as_scikit_learn_reads_it(example):
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import LabelEncoder, StandardScaler

    config = yaml.safe_load((EXAMPLE / "iris.yaml").read_text())
    table = pd.read_csv(EXAMPLE / "iris.csv")
    x, y = table.drop(columns="species").to_numpy(), LabelEncoder().fit_transform(table.species)
    described = json.loads((example / "results" / "data" / "dataset.json").read_text())
    assert described["classes"] == sorted(table.species.unique())
    for case, spec in config["cases"].items():
        for seed in range(spec["repeats"]):
            train, test = train_test_split(
                np.arange(len(y)), test_size=spec["test_size"], random_state=seed, stratify=y
            )
            model = make_pipeline(StandardScaler(), SVC(gamma="scale", C=1)).fit(x[train], y[train])
            rows = read_csv(example / "results" / "splits" / case / str(seed) / "predictions.csv")
            assert [int(r["sample_index"]) for r in rows] == test.tolist()
            assert [int(r["predicted_label"]) for r in rows] == model.predict(x[test]).tolist()
    for row in read_csv(example / "results" / "summary.csv"):
        p = stats.binomtest(int(row["n_correct"]), int(row["n_test"]), 0.9, alternative="greater")
        assert float(row["p_value"]) == pytest.approx(p.pvalue, rel=1e-9)


@pytest.mark.browser
@pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed")
def test_the_example_report_reads_well_in_a_browser(example, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((example / "results" / "report.html").as_uri())
    verdict = json.loads((example / "results" / "hypothesis.json").read_text())["overall"]
    banner = page.locator("#verdict")
    assert banner.is_visible() and verdict["verdict"] in banner.inner_text().lower()
    assert "species" in page.locator("h1").inner_text()
    rows = page.locator("#per-digit ~ div table").first.locator("tbody th").all_inner_texts()
    assert rows == ["setosa", "versicolor", "virginica"]
    assert page.locator("#errors ~ .wide table tbody tr").count() > 0  # rows with their values
    assert not page.locator("#own-images").count()
    assert not errors
    page.close()


def test_integer_labels_are_classes_in_numeric_order(tmp_path):
    from digits_hypothesis import tabular

    path = tmp_path / "t.csv"
    path.write_text("x,kind\n1,10\n2,3\n3,5\n4,10\n5,3\n")
    table = tabular.read(str(path), "kind")
    assert table.classes == ["3", "5", "10"] and table.codes == [2, 0, 1, 2, 0]


def test_a_class_may_be_called_na(tmp_path):
    from digits_hypothesis import tabular

    path = tmp_path / "t.csv"
    path.write_text("x,region\n1,NA\n2,EU\n3,NA\n")
    assert tabular.read(str(path), "region").classes == ["EU", "NA"]


def test_a_parquet_table_reads_as_its_csv(tmp_path):
    from digits_hypothesis import tabular

    pd.read_csv(EXAMPLE / "iris.csv").to_parquet(tmp_path / "iris.parquet")
    from_csv = tabular.read(str(EXAMPLE / "iris.csv"), "species")
    from_parquet = tabular.read(str(tmp_path / "iris.parquet"), "species")
    for field in ("features", "rows", "codes", "classes"):
        assert getattr(from_parquet, field) == getattr(from_csv, field)


# Tables as people export them, each the clean table below in another dialect: read by
# tabular.read to exactly its values (the label with a line break aside).
SPECIES = {"setosa": "Sétosa", "versicolor": "Versicolor", "virginica": "Virginica"}
DIALECTS = {
    "trailing_blank_line": ("t.csv", {}, {}, "\n"),
    "european": (
        "t.csv",
        {"sep": ";", "decimal": ",", "encoding": "latin-1"},
        {"encoding": "latin-1"},
        "",
    ),
    "latin_1": ("t.csv", {"encoding": "latin-1"}, {"encoding": "latin-1"}, ""),
    "tsv": ("t.tsv", {"sep": "\t"}, {}, ""),
    "bom": ("t.csv", {"encoding": "utf-8-sig"}, {}, ""),
    "quoted_line_break": ("t.csv", {}, {}, ""),
}


def clean_iris() -> pd.DataFrame:
    table = pd.read_csv(EXAMPLE / "iris.csv")
    return table.assign(species=table.species.map(SPECIES))


def write_dialect(folder, dialect: str) -> tuple[str, dict]:
    """The clean table written in ``dialect``: its file name and the config's data keys."""
    name, written, given, tail = DIALECTS[dialect]
    table = clean_iris()
    if dialect == "quoted_line_break":
        table["species"] = table.species.replace("Versicolor", "Versi\ncolor")
    options = {"encoding": "utf-8", "decimal": ".", "sep": ",", **written}
    text = table.to_csv(index=False, sep=options["sep"], decimal=options["decimal"])
    (folder / name).write_bytes((text + tail).encode(options["encoding"]))
    given = {**given, **({"decimal": ","} if options["decimal"] == "," else {})}
    return name, given


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_each_dialect_reads_to_the_clean_table_s_values(tmp_path, dialect):
    from digits_hypothesis import tabular

    clean_iris().to_csv(tmp_path / "clean.csv", index=False)
    clean = tabular.read(str(tmp_path / "clean.csv"), "species")
    name, given = write_dialect(tmp_path, dialect)
    table = tabular.read(str(tmp_path / name), "species", **given)
    assert table.features == clean.features and table.rows == clean.rows
    assert table.codes == clean.codes and len(table.rows) == 150
    expected = [c.replace("Versicolor", "Versi\ncolor") for c in clean.classes]
    assert table.classes == (expected if dialect == "quoted_line_break" else clean.classes)
    assert table.sep == ("\t" if name.endswith(".tsv") else DIALECTS[dialect][1].get("sep", ","))
    assert clean.rows == clean_iris().drop(columns="species").to_numpy().tolist()
    if dialect == "tsv":  # '\t' in YAML's single quotes: a backslash and a t
        assert tabular.read(str(tmp_path / name), "species", sep="\\t").rows == clean.rows


TINY = {
    "model": {"estimator": "svc", "params": {"gamma": "scale", "C": 1}, "scale": True},
    "cases": {"half": {"test_size": 0.5, "seeds": [0, 1], "stratify": True}},
    "hypothesis": {"threshold": 0.9, "alpha": 0.05, "confidence": 0.95},
    "analyses": [],
}


@pytest.fixture(scope="module")
def clean_and_european(tmp_path_factory):
    """One tiny study on the clean table and on its European export (';', decimal commas,
    Latin-1 text labels; the separator detected)."""
    runs = {}
    for dialect in ("clean", "european"):
        workdir = copy_workflow(tmp_path_factory.mktemp(dialect), config=None)
        if dialect == "clean":
            clean_iris().to_csv(workdir / "t.csv", index=False)
            name, given = "t.csv", {}
        else:
            name, given = write_dialect(workdir, dialect)
        data = {"source": "table", "path": name, "label": "species", **given}
        (workdir / "config" / "config.yaml").write_text(yaml.safe_dump({**TINY, "data": data}))
        snakemake(workdir, "--cores", "2")
        runs[dialect] = workdir
    return runs


def test_a_european_export_runs_as_the_clean_table(clean_and_european):
    clean, european = (clean_and_european[d] / "results" for d in ("clean", "european"))
    data = [np.load(run / "data" / "table.npz") for run in (clean, european)]
    for array in ("features", "target"):
        assert data[0][array].tobytes() == data[1][array].tobytes()
    for seed in ("0", "1"):
        path = f"splits/half/{seed}/predictions.csv"
        assert (clean / path).read_bytes() == (european / path).read_bytes()
    assert (clean / "summary.csv").read_bytes() == (european / "summary.csv").read_bytes()
    described = json.loads((european / "data" / "dataset.json").read_text())
    assert described["classes"] == ["Sétosa", "Versicolor", "Virginica"]


def test_the_report_says_how_the_table_was_read(clean_and_european):
    def said(dialect):
        page = (clean_and_european[dialect] / "results" / "report.html").read_text()
        found = re.search(r'<p id="table-format">(.*?)</p>', page, flags=re.S)
        return " ".join(found.group(1).split())

    assert said("european") == (
        "Read by pandas as text in latin-1, separated by semicolons (detected), decimal mark “,”."
    )
    assert "separated by commas (detected), decimal mark “.”" in said("clean")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"sep": "ab"}, "Invalid config key 'data.sep': 'ab' does not match"),
        ({"decimal": "x"}, "Invalid config key 'data.decimal': 'x' is not one of"),
        ({"encoding": "klingon"}, "Invalid config key 'data.encoding': 'klingon' is not an enc"),
        ({}, "Invalid config key 'data.encoding': t.csv: not utf-8 text (byte 0xe9 at position"),
        (
            {"sep": ",", "encoding": "latin-1"},
            "Invalid config key 'data.path': t.csv: line 2 has 5 cells, the header 1, read with "
            "separator ','",
        ),
        (
            {"sep": ";", "encoding": "latin-1"},
            "Invalid config key 'data.features': t.csv: column 'sepal_length' is not numeric "
            "(line 2: '5,1')",
        ),
    ],
)
def test_bad_reading_options_stop_before_any_job(tmp_path, given, message):
    workdir = copy_workflow(tmp_path, config=None)
    write_dialect(workdir, "european")  # Latin-1, ';' and decimal commas
    data = {"source": "table", "path": "t.csv", "label": "species", **given}
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump({**TINY, "data": data}))
    result = snakemake(workdir, "-n", check=False)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (workdir / "results").exists()


def test_a_byte_not_of_the_encoding_is_named_where_it_is(tmp_path):
    from digits_hypothesis import tabular
    from digits_hypothesis.exceptions import ConfigError

    # a UTF-8 byte-order mark, then Latin-1 text: the position counts the mark's 3 bytes
    data = b"\xef\xbb\xbf" + "x,kind\n1,Sé\n2,b\n".encode("latin-1")
    (tmp_path / "t.csv").write_bytes(data)
    with pytest.raises(ConfigError, match=r"not utf-8 text \(byte 0xe9 at position 13\)"):
        tabular.read(str(tmp_path / "t.csv"), "kind")
    assert data.index(b"\xe9") == 13


def test_reading_options_are_refused_for_other_sources(tmp_path):
    workdir = copy_workflow(tmp_path, config=None)
    config = {**STUDY, "data": {"source": "sklearn", "name": "iris", "decimal": ","}}
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    result = snakemake(workdir, "-n", check=False)
    assert "Invalid config key 'data.decimal': not a key of source sklearn" in (
        result.stdout + result.stderr
    )


BAD_TABLES = [
    ("a,b,kind\n1,2,x\n3,,y\n5,NA,x\n7,8,y\n", {}, "column 'b' has 2 missing values (lines 3, 4)"),
    # physical lines: a blank line and a quoted line break count
    ('a,b,kind\n1,2,"x\ny"\n\n3,,x\n', {}, "column 'b' has 1 missing value (line 5)"),
    ("a;b;kind\n1,5;2;x\n3;4.5;y\n", {"decimal": ","}, "column 'b' is not numeric (line 3: '4.5')"),
    ("a,b,kind\n1,2,x\n\n3,4,y,9\n", {}, "line 4 has 4 cells, the header 3"),
    ("a,b,kind\n1,2,x\n3,zz,y\n", {}, "column 'b' is not numeric (line 3: 'zz')"),
    ("a,b,kind\n1,2,x\n3,4,y\n", {"label": "species"}, "no column 'species'"),
    ("a,b,kind\n1,2,x\n3,4,y\n", {"features": ["a", "c"]}, "'c' is not a column of the table"),
    ("a,b,kind\n1,2,x\n3,4,x\n", {}, "column 'kind' holds one class ('x')"),
    ("", {}, "empty file"),
    (",a,kind\n0,1,x\n1,2,y\n", {}, "column 1 has no name (a saved index?"),
    ("a,a,kind\n0,1,x\n1,2,y\n", {}, "repeated column names ['a']"),
    ("true_label,kind\n0,x\n1,y\n", {}, "a feature may not be called 'true_label'"),
]


@pytest.mark.parametrize(("text", "given", "message"), BAD_TABLES)
def test_a_bad_table_stops_before_any_job(tmp_path, text, given, message):
    workdir = copy_workflow(tmp_path, config=None)
    (workdir / "t.csv").write_text(text)
    data = {"source": "table", "path": "t.csv", "label": "kind", **given}
    config = {**STUDY, "data": data, "cases": {"c": {"test_size": 1, "seeds": [0]}}}
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    result = snakemake(workdir, "-n", check=False)
    assert result.returncode != 0
    assert f"t.csv: {message}" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (workdir / "results").exists()


def test_a_class_too_small_to_stratify_is_refused(tmp_path):
    workdir = copy_workflow(tmp_path, config=None)
    rows = [f"{i},{i % 2}" for i in range(30)] + ["99,7"]
    (workdir / "t.csv").write_text("a,kind\n" + "\n".join(rows) + "\n")
    data = {"source": "table", "path": "t.csv", "label": "kind"}
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump({**STUDY, "data": data}))
    result = snakemake(workdir, "-n", check=False)
    assert (
        "Invalid config key 'cases.strat.test_size': stratify needs at least 2 rows of every "
        in (result.stdout + result.stderr)
    )
    assert (
        "the table t.csv (31 rows, 1 features) has only one of '7'" in result.stdout + result.stderr
    )


def test_editing_the_table_re_runs_what_reads_it(example):
    def jobs():
        return dry_run_jobs(
            example, "--configfile", "examples/iris.yaml", "--replace-workflow-config"
        )

    assert jobs() == {}
    table = example / "examples" / "iris.csv"
    table.write_text(table.read_text().replace("5.1,3.5,1.4,0.2", "5.2,3.5,1.4,0.2", 1))
    rerun = jobs()
    assert {"prepare_data", "aggregate", "report", "errors", "comparison"} <= set(rerun)
    assert any(rule.startswith("fit__") for rule in rerun)
    assert "power" in rerun  # its simulation uses each case's spread over its seeds


def test_the_sensitivity_grid_takes_any_two_parameters_of_the_claim_s_model(tmp_path):
    # A claim about k-NN on Wine: the grid over n_neighbors (rows) and weights (columns),
    # each point cross-checked against a direct fit.
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    workdir = copy_workflow(tmp_path, config=None)
    grid = {"n_neighbors": [1, 5], "weights": ["uniform", "distance"]}
    config = {
        **STUDY,
        "data": {"source": "sklearn", "name": "wine"},
        "model": {"estimator": "knn", "params": {"n_neighbors": 5}, "scale": True},
        "analyses": ["sensitivity"],
        "sensitivity": {"grid": grid, "test_size": 0.3, "seeds": [0, 1]},
    }
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    snakemake(workdir, "--cores", "2")
    rows = read_csv(workdir / "results" / "sensitivity.csv")
    assert list(rows[0])[:2] == ["n_neighbors", "weights"]
    assert [(r["n_neighbors"], r["weights"]) for r in rows[::2]] == [
        ("1", "uniform"),
        ("1", "distance"),
        ("5", "uniform"),
        ("5", "distance"),
    ]
    wine = sk.load_wine()
    for row in rows:
        train, test = train_test_split(
            np.arange(len(wine.target)), test_size=0.3, random_state=int(row["seed"])
        )
        model = make_pipeline(
            StandardScaler(),
            KNeighborsClassifier(n_neighbors=int(row["n_neighbors"]), weights=row["weights"]),
        ).fit(wine.data[train], wine.target[train])
        correct = int((model.predict(wine.data[test]) == wine.target[test]).sum())
        assert int(row["n_correct"]) == correct
    page = (workdir / "results" / "report.html").read_text()
    assert "Sensitivity: other values of n_neighbors and weights" in page
