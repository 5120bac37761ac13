"""Project habits that CI enforces: pinned and mirrored dependencies, style, lint."""

import re
import subprocess
import sys

import pytest
import yaml
from workflow import ROOT


def pins(lines):
    return {
        name.lower(): version
        for name, version in (
            re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", line.strip()).groups()
            for line in lines
            if line.strip() and not line.strip().startswith("#")
        )
    }


def test_requirements_are_pinned_and_mirrored_in_environment_yml():
    requirements = pins((ROOT / "requirements.txt").read_text().splitlines())
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_block = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pins(pip_block) == requirements
    assert all(requirements.values())


def test_test_tools_are_apart_from_what_the_workflow_runs_on():
    lines = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in lines
    dev = pins(line for line in lines if not line.startswith("-r"))
    runtime = pins((ROOT / "requirements.txt").read_text().splitlines())
    assert {"pytest", "playwright", "statsmodels", "ruff", "snakefmt", "vulture"} == set(dev)
    assert not set(dev) & set(runtime) and all(dev.values())
    assert "requirements-dev.txt" in (ROOT / ".ci" / "run").read_text()


def run(*cmd):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_python_is_ruff_clean():
    result = run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout


def test_snakefiles_are_snakefmt_formatted():
    result = run("snakefmt", "--check", "Snakefile", "rules")
    assert result.returncode == 0, result.stderr


def test_snakemake_lint_is_clean():
    result = run(sys.executable, "-m", "snakemake", "--workflow-profile", "none", "--lint")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Congratulations" in result.stdout + result.stderr


@pytest.mark.parametrize("script", sorted((ROOT / "scripts").glob("*.py")))
def test_scripts_that_do_not_fit_do_not_import_scikit_learn(script):
    # Importing scikit-learn costs about a second per process: only fitting steps pay it.
    needs_sklearn = {
        "prepare_data.py",
        "fit.py",
        "predict_image.py",
        "read_own_images.py",
        "serve.py",
        "train_final_model.py",
    }
    if script.name in needs_sklearn:
        pytest.skip("this step fits or loads a model")
    code = script.read_text()
    assert "sklearn" not in code and "skops" not in code


def test_no_dead_code():
    # 80%: unused imports, variables and unreachable code. Functions are left out because the
    # rules files (.smk), which vulture cannot read, call many of them.
    result = run(
        sys.executable, "-m", "vulture", "scripts", "tests", "bench", "--min-confidence", "80"
    )
    assert result.returncode == 0, result.stdout


def test_code_points_nowhere_outside_the_repository():
    # A cloner has neither the notes beside the project nor its issue tracker.
    pattern = re.compile(r"\.\./shared|\bissue #?\d+", re.IGNORECASE)
    files = [*ROOT.glob("Snakefile"), *ROOT.glob("rules/*.smk")]
    for folder in ("scripts", "tests", "bench", "templates", "config", "profiles"):
        files += [
            p for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".j2", ".yaml", ".sh"}
        ]
    offending = [str(p.relative_to(ROOT)) for p in files if pattern.search(p.read_text())]
    assert offending == []


def test_the_package_has_no_import_cycles():
    # every import of a package module, type-only and function-level ones included
    import ast

    # modules by dotted name relative to the package: "study", "plots.study", "plots"
    package = ROOT / "scripts" / "digits_hypothesis"
    names = {
        ".".join(p.relative_to(package).with_suffix("").parts).removesuffix(".__init__"): p
        for p in package.rglob("*.py")
        if p != package / "__init__.py"
    }
    imports = {}
    for name, path in names.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "digits_hypothesis"
            ):
                module = node.module.removeprefix("digits_hypothesis").lstrip(".")
                found |= {f"{module}.{a.name}".lstrip(".") for a in node.names}
                found.add(module)
        imports[name] = found & set(names)

    def reaches(start, target, seen):
        for name in imports[start]:
            if name == target or (name not in seen and reaches(name, target, seen | {name})):
                return True
        return False

    assert [name for name in imports if reaches(name, name, {name})] == []
