"""Every `snakemake ...` and `python ...` command in the README's bash blocks works as written.

Each runs in a fresh copy of the repository (what a clone holds, no results): Snakemake runs
as a dry run (`-n`: the real runs take minutes, and the end-to-end tests run the workflow),
except commands that only describe the workflow (`--rulegraph`, `--list-rules`, ...), which run
as written; `python` commands run for real, after the workflow has made any `results/...` file
they name. A command added to the README is covered without editing this file.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from workflow import ROOT

README = ROOT / "README.md"
# Commands not run here (matched by their start), and why.
NOT_RUN = {
    "python -m pytest": "the test suite itself",
    "python scripts/serve.py": "a server, running until stopped: tests/test_draw_page.py starts it",
}
# Snakemake options that describe the workflow rather than run it: quick, run as written.
DESCRIBING = {"--rulegraph", "--dag", "--list-rules", "--lint", "--summary", "--unlock"}
PROGRAMS = ("snakemake", "python")


def bash_blocks(text: str) -> list[str]:
    return re.findall(r"^```(?:bash|sh)\n(.*?)^```", text, flags=re.M | re.S)


def readme_commands(text: str) -> list[str]:
    """Each command line of the README's bash blocks that runs snakemake or python (lines
    continued with a backslash joined; a leading `pip install ... &&` dropped: CI installs
    exactly that before the tests)."""
    found = []
    for block in bash_blocks(text):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"^pip install \S+ \S+ && ", "", line.strip())
            line = re.sub(r"\s+", " ", line)
            if line.split(" ", 1)[0] in PROGRAMS and not line.startswith(tuple(NOT_RUN)):
                found.append(line)
    return found


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


def as_checked(command: str) -> str:
    """The command to run: Snakemake as a dry run unless it only describes the workflow."""
    words = set(shlex.split(command, comments=True))
    if command.startswith("snakemake ") and not words & DESCRIBING:
        return "snakemake -n " + command.removeprefix("snakemake ")
    return command


# Generated or cached, never part of a release: left out when there is no git to ask.
NOT_RELEASED = {"results", ".snakemake", "__pycache__", ".pytest_cache", ".ruff_cache", ".venv"}


def released_files() -> list[str]:
    """The files a commit of the working tree would hold (tracked and new, not ignored);
    in a plain copy without .git (a downloaded release), every file but generated ones."""
    if not (ROOT / ".git").exists():
        return sorted(
            str(path.relative_to(ROOT))
            for path in ROOT.rglob("*")
            if path.is_file() and not NOT_RELEASED & set(path.relative_to(ROOT).parts)
        ) + ["results/README.md"]
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    return [n.decode() for n in listed if n]


def fresh_copy(dest: Path) -> Path:
    """A copy of the workflow as a user gets it (released_files)."""
    for name in released_files():
        source = ROOT / name
        if source.is_file() and not name.startswith("bench/out"):
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    return dest


def run(command: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_the_readme_has_commands_to_check():
    assert any(c.startswith("snakemake ") for c in COMMANDS)
    assert any(c.startswith("python ") for c in COMMANDS)
    assert as_checked("snakemake --cores 4") == "snakemake -n --cores 4"
    assert as_checked("snakemake --rulegraph | dot") == "snakemake --rulegraph | dot"


def test_commands_are_found_in_bash_blocks_only():
    text = "```yaml\npython no\n```\n```bash\npip install -r r.txt && snakemake --a \\\n  b\n```"
    assert readme_commands(text) == ["snakemake --a b"]


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_works(command, tmp_path):
    workdir = fresh_copy(tmp_path / "clone")
    needed = [
        word
        for word in shlex.split(command, comments=True)
        if word.startswith("results/") and not (workdir / word).exists()
    ]
    if command.startswith("python ") and needed:
        made = run(shlex.join(["snakemake", "--cores", "2", *needed]), workdir)
        assert made.returncode == 0, f"making {needed} for `{command}` failed:\n{made.stderr}"
    result = run(as_checked(command), workdir)
    assert result.returncode == 0, (
        f"README command `{command}` failed (exit {result.returncode}):\n"
        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )


def test_a_copy_without_git_lists_the_same_files(tmp_path):
    # a downloaded release has no .git: the tests then list the files on disk instead
    copy = fresh_copy(tmp_path / "release")
    assert not (copy / ".git").exists()
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "import test_readme; print('\\n'.join(test_readme.released_files()))",
        ],
        cwd=copy / "tests",
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": f"{copy / 'tests'}{os.pathsep}{copy / 'scripts'}"},
    ).stdout.split()
    expected = [
        n for n in released_files() if (ROOT / n).is_file() and not n.startswith("bench/out")
    ]
    assert sorted(found) == sorted(expected)
