"""The report as a reader's tool: per-digit views, downloads, provenance, what changed,
and figures that stay sharp. Numbers are checked against scikit-learn and direct formulas."""

import base64
import gzip
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from workflow import read_summary, snakemake

from digits_hypothesis import by_digit, changes, provenance, study


def predictions(workdir, case, seed):
    rows = study.PREDICTIONS.read(
        workdir / "results" / "splits" / case / str(seed) / "predictions.csv"
    )
    return [r["true_label"] for r in rows], [r["predicted_label"] for r in rows]


def test_per_digit_recall_and_precision_match_scikit_learn(small_run):
    pooled = by_digit.BY_DIGIT.read(small_run / "results" / "by_digit.csv")
    summary = read_summary(small_run)
    for case in dict.fromkeys(r["case"] for r in summary):
        seeds = [r["seed"] for r in summary if r["case"] == case]
        per_split = [
            precision_recall_fscore_support(
                *predictions(small_run, case, seed), labels=range(10), zero_division=np.nan
            )
            for seed in seeds
        ]
        precision = np.array([p for p, _, _, _ in per_split])
        recall = np.array([r for _, r, _, _ in per_split])
        support = np.array([s for _, _, _, s in per_split])
        for digit in range(10):
            row = next(r for r in pooled if r["case"] == case and r["digit"] == digit)
            assert row["support"] == support[:, digit].sum()
            assert row["splits"] == (support[:, digit] > 0).sum()
            for name, values in (("recall", recall[:, digit]), ("precision", precision[:, digit])):
                present = values[~np.isnan(values)]
                if not len(present):
                    assert row[f"{name}_mean"] is None
                    continue
                assert row[f"{name}_mean"] == pytest.approx(present.mean())
                assert row[f"{name}_min"] == pytest.approx(present.min())
                if len(present) > 1:
                    assert row[f"{name}_sd"] == pytest.approx(np.std(present, ddof=1))


def test_each_case_confusion_matrix_is_the_sum_of_its_splits(small_run):
    rows = by_digit.CONFUSION.read(small_run / "results" / "confusion_by_case.csv")
    summary = read_summary(small_run)
    for case in dict.fromkeys(r["case"] for r in summary):
        expected = sum(
            confusion_matrix(*predictions(small_run, case, r["seed"]), labels=range(10))
            for r in summary
            if r["case"] == case
        )
        found = np.zeros((10, 10), dtype=int)
        for r in rows:
            if r["case"] == case:
                found[r["true_label"], r["predicted_label"]] = r["count"]
        assert (found == expected).all()
        html = (small_run / "results" / "report.html").read_text()
        assert f'<details id="confusion-{case}">' in html


def downloads(page: str) -> dict[str, tuple[str, bytes]]:
    """{file name: (media type, bytes as saved)} of every download link of a report page; a
    file stored gzip-compressed (``data-gunzip``) is unpacked, as the page's script does."""
    found = {}
    pattern = r'<a href="data:([^;]+);base64,([^"]+)" download="([^"]+)"( data-gunzip="[^"]+")?>'
    for media_type, data, name, packed in re.findall(pattern, page):
        saved = base64.b64decode(data)
        if packed:
            assert media_type == "application/gzip" and name.endswith(".gz")
            name, saved = name.removesuffix(".gz"), gzip.decompress(saved)
        found[name] = (media_type, saved)
    return found


def test_every_download_in_the_page_is_the_file_byte_for_byte(small_run, tmp_path, monkeypatch):
    from workflow import render_report

    from digits_hypothesis import reporting

    page = (small_run / "results" / "report.html").read_text()
    monkeypatch.setattr(reporting, "GZIP_ABOVE", 0)  # and every file stored compressed
    packed_page = render_report(small_run, tmp_path).read_text()
    # every CSV/JSON the report reads, and the config it was made with
    expected = {
        "summary.csv": "summary.csv",
        "hypothesis.json": "hypothesis.json",
        "by_digit.csv": "by_digit.csv",
        "confusion_by_case.csv": "confusion_by_case.csv",
        "report_splits.json": "report_splits.json",
        "baselines.csv": "baselines.csv",
        "baselines_by_case.csv": "baselines_by_case.csv",
        "dataset.json": "data/dataset.json",
        # two files called predictions.csv: each saved under its folder's name too
        "own_images_predictions.csv": "own_images/predictions.csv",
        "external_predictions.csv": "external/predictions.csv",
        "model.json": "final_model/model.json",
        "score.json": "external/score.json",
        "config_used.yaml": "config_used.yaml",
    }
    for text, folder in ((page, small_run / "results"), (packed_page, None)):
        found = downloads(text)
        assert set(found) == set(expected)
        for name, path in expected.items():
            media_type, saved = found[name]
            source = (folder or tmp_path) / path if name == "config_used.yaml" else None
            source = source or small_run / "results" / path
            assert saved == source.read_bytes(), name
            if folder:
                suffix = Path(name).suffix
                assert media_type == {".csv": "text/csv", ".json": "application/json"}.get(
                    suffix, "application/yaml"
                )


def test_figures_are_svg_with_no_text_under_nine_points(small_run):
    figures = list((small_run / "results").rglob("*.svg"))
    assert len(figures) >= 6 * 3 + 4
    for path in figures:
        svg = path.read_text()
        sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
        assert sizes and min(sizes) >= 9, path
        # text stays text, and no metadata (a date would make two runs differ)
        assert "<text" in svg and "<metadata>" not in svg


def test_a_figure_drawn_twice_gives_the_same_bytes(tmp_path):
    import pandas

    from digits_hypothesis.plots import splits, study
    from digits_hypothesis.plots.style import save_figure

    matrix = np.arange(100).reshape(10, 10)
    cells = pandas.DataFrame(
        [("a", t, p, n) for (t, p), n in np.ndenumerate(matrix) if n]
        + [("b", t, t, 5) for t in range(10)],
        columns=["case", "true_label", "predicted_label", "count"],
    )
    figures = {  # a per-split figure (matplotlib alone) and a study figure (seaborn)
        "split": lambda: splits.confusion_matrix(matrix, "twice"),
        "study": lambda: study.confusion_by_case(cells, [str(d) for d in range(10)]),
    }
    for kind, draw in figures.items():
        for name in ("a.svg", "b.svg"):
            save_figure(draw(), str(tmp_path / f"{kind}_{name}"))
        assert (tmp_path / f"{kind}_a.svg").read_bytes() == (
            tmp_path / f"{kind}_b.svg"
        ).read_bytes()


# --- provenance -------------------------------------------------------------------------


def test_the_command_line_is_shown_as_typed():
    assert provenance.command_line(["/usr/bin/snakemake", "--cores", "4"]) == "snakemake --cores 4"
    main = "/x/site-packages/snakemake/__main__.py"
    assert provenance.command_line([main, "-n"]) == "python -m snakemake -n"
    assert (
        provenance.command_line(["snakemake", "--config", "a=b c"]) == "snakemake --config 'a=b c'"
    )


def test_the_reproduce_line_clones_when_the_remote_is_known():
    git = {"commit": "abc123", "dirty": False, "remote": "https://example.org/lab/digits.git"}
    assert provenance.reproduce_line(git, "snakemake --cores 4", "config_used.yaml") == (
        "git clone https://example.org/lab/digits.git digits-hypothesis && cd digits-hypothesis"
        " && git checkout abc123 && cp ../config_used.yaml config/config.yaml"
        " && snakemake --cores 4"
    )
    local = {**git, "remote": None}
    assert provenance.reproduce_line(local, "snakemake -c1", "c.yaml") == (
        "git checkout abc123 && cp c.yaml config/config.yaml && snakemake -c1"
    )
    assert provenance.reproduce_line(None, "snakemake -c1", "c.yaml") == (
        "cp c.yaml config/config.yaml && snakemake -c1"
    )


@pytest.mark.parametrize(
    "url, shown",
    [
        ("https://user:ghp_secret@github.com/lab/d.git", "https://github.com/lab/d.git"),
        ("https://token@example.org/d.git", "https://example.org/d.git"),
        ("git@github.com:lab/d.git", "git@github.com:lab/d.git"),
        ("/srv/git/d.git", "/srv/git/d.git"),
    ],
)
def test_a_remote_is_shown_without_credentials(url, shown):
    assert provenance.without_credentials(url) == shown


@pytest.mark.parametrize(
    "command, expected",
    [
        ("snakemake --cores 4", "snakemake --cores 4"),
        ("snakemake --config x=1 y=2 --cores 2", "snakemake --cores 2"),
        ("snakemake --cores 2 --configfile other.yaml", "snakemake --cores 2"),
        ("snakemake --configfile=a.yaml -n", "snakemake -n"),
        ("snakemake results/report.html --cores 1", "snakemake results/report.html --cores 1"),
    ],
)
def test_the_reproduce_line_leaves_out_config_options(command, expected):
    assert provenance.without_config_options(command) == expected


def test_provenance_names_the_commit_and_a_dirty_tree(small_run, tmp_path):
    work = tmp_path / "checkout"
    shutil.copytree(small_run, work, symlinks=True)
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    (work / ".gitignore").write_text("results/\n.snakemake/\n")
    subprocess.run([*git, "init", "-q"], cwd=work, check=True)
    subprocess.run([*git, "add", "."], cwd=work, check=True)
    subprocess.run([*git, "commit", "-qm", "one"], cwd=work, check=True)
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=work, capture_output=True, text=True, check=True
    ).stdout.strip()

    def report():
        snakemake(work, "--cores", "1", "--forcerun", "report")
        page = (work / "results" / "report.html").read_text()
        return page[page.index('id="provenance"') :]

    clean = report()
    assert f"git commit <code>{commit}</code>, no uncommitted changes" in clean
    assert '<code id="command">' in clean and "--forcerun report</code>" in clean
    line = html.unescape(re.search(r'<pre id="reproduce">([^<]*)</pre>', clean).group(1))
    assert line.startswith(f"git checkout {commit} && cp config_used.yaml config/config.yaml && ")
    assert line.endswith("snakemake --workflow-profile none --cores 1 --forcerun report")

    with open(work / ".gitignore", "a") as handle:  # a tracked file, changed
        handle.write("*.tmp\n")
    assert "with uncommitted changes to tracked files" in report()


def test_outside_git_the_report_says_so(small_run):
    html = (small_run / "results" / "report.html").read_text()
    assert '<dd id="git-state">not a git checkout</dd>' in html


# --- what changed -----------------------------------------------------------------------


def test_only_files_of_one_finished_run_are_kept(tmp_path):
    import os

    hypothesis, config, report = (tmp_path / n for n in ("h.json", "c.yaml", "r.html"))
    kept = tmp_path / "previous"
    for path, content in ((hypothesis, "{}"), (config, "a: 1\n"), (report, "<html>")):
        path.write_text(content)
    os.utime(config, (500, 500))
    os.utime(report, (1000, 1000))
    os.utime(hypothesis, (2000, 2000))  # remade after the report: that run did not finish
    changes.keep_previous([str(hypothesis), str(config)], str(report), str(kept))
    assert not kept.exists()
    os.utime(report, (3000, 3000))
    changes.keep_previous([str(hypothesis), str(config)], str(report), str(kept))
    assert (kept / "h.json").read_text() == "{}" and (kept / "c.yaml").read_text() == "a: 1\n"


def test_a_perfect_score_still_has_a_standard_error_of_one_image():
    case = {
        "n_splits": 1,
        "n_test": 200,
        "n_train": 1597,
        "mean_accuracy": 1.0,
        "sd_accuracy": None,
    }
    assert changes.standard_error(case) == 1 / 200
    equal = {**case, "n_splits": 5, "sd_accuracy": 0.0}
    assert changes.standard_error(equal) == 1 / 200


def test_config_changes_name_each_key_with_both_values():
    before = {"hypothesis": {"threshold": 0.95, "alpha": 0.05}, "cases": {"a": {"seeds": [0]}}}
    after = {"hypothesis": {"threshold": 0.99, "alpha": 0.05}, "cases": {"b": {"seeds": [0, 1]}}}
    assert changes.config_changes(before, after) == [
        {"key": "cases.a.seeds", "before": [0], "after": None},
        {"key": "cases.b.seeds", "before": None, "after": [0, 1]},
        {"key": "hypothesis.threshold", "before": 0.95, "after": 0.99},
    ]
    assert changes.config_changes(before, before) == []


def test_a_mean_moves_when_it_changes_by_more_than_its_standard_error(small_run):
    hyp = json.loads((small_run / "results" / "hypothesis.json").read_text())
    for case in hyp["cases"].values():
        if case["t"] is None:
            continue
        # the corrected resampled t-test divides the mean's distance to the threshold by it
        se = (case["mean_accuracy"] - hyp["hypothesis"]["threshold"]) / case["t"]
        assert changes.standard_error(case) == pytest.approx(se)
    name, case = next((n, c) for n, c in hyp["cases"].items() if c["t"] is not None)
    se = changes.standard_error(case)
    for shift, moved in ((0.9 * se, False), (1.1 * se, True), (-1.1 * se, True)):
        before = json.loads(json.dumps(hyp))
        before["cases"][name]["mean_accuracy"] -= shift
        assert bool(changes.moved_means(before, hyp)) is moved


def test_a_new_threshold_shows_what_changed_at_the_top_of_the_report(small_run, tmp_path):
    work = tmp_path / "changed"
    shutil.copytree(small_run, work, symlinks=True)
    before = json.loads((work / "results" / "hypothesis.json").read_text())
    config = work / "config" / "config.yaml"
    config.write_text(config.read_text().replace("threshold: 0.95", "threshold: 0.99"))
    snakemake(work, "--cores", "2")

    kept = work / "results" / "previous" / "hypothesis.json"
    assert json.loads(kept.read_text()) == before
    after = json.loads((work / "results" / "hypothesis.json").read_text())
    changed = {
        n for n in after["cases"] if after["cases"][n]["verdict"] != before["cases"][n]["verdict"]
    }
    assert changed  # a 99% claim is not supported where a 95% one was
    html = (work / "results" / "report.html").read_text()
    start = html.index('<section id="changes"')
    section = html[start : html.index("</section>", start)]
    assert html.index('id="changes"') < html.index('id="evidence"')
    assert (
        '<code>hypothesis.threshold</code></th><td class="text">0.95</td><td class="text">0.99</td>'
        in section
    )
    table = section[section.index('id="changed-verdicts"') :]
    named = set(re.findall(r'<a href="#case-([\w-]+)">', table[: table.index("</table>")]))
    assert named == changed
    if before["overall"]["verdict"] != after["overall"]["verdict"]:
        assert ">the claim</th>" in table
    # the means did not move: only the threshold changed
    assert "No case's mean accuracy moved" in section

    # a run with nothing to do keeps what it had
    snakemake(work, "--cores", "2")
    assert json.loads(kept.read_text()) == before
