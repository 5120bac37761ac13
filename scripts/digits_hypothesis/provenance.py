"""Where a run came from: the workflow's git commit, the command that started the run, and
one line that runs it again. Standard library only: the Snakefile imports this module.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import urllib.parse
from pathlib import Path

# The command that started the run; the Snakefile sets it, and jobs inherit it.
COMMAND_VARIABLE = "DIGITS_HYPOTHESIS_COMMAND"


def command_line(argv: list[str]) -> str:
    """``snakemake --cores 4`` from sys.argv (``python -m snakemake ...`` when run so)."""
    program = Path(argv[0]).name
    if program == "__main__.py":
        program = "python -m snakemake"
    return " ".join([program, shlex.join(argv[1:])]).strip()


def without_config_options(command: str) -> str:
    """The command without --config/--configfile and their values: the config file saved
    from the report already holds their effect."""
    kept, skipping = [], False
    for word in shlex.split(command):
        if word.startswith("-"):
            skipping = word.split("=")[0] in ("--config", "-C", "--configfile", "--configfiles")
            if skipping:
                continue
        if not skipping:
            kept.append(word)
    return shlex.join(kept)


def git_state(folder: str) -> dict | None:
    """The commit of the workflow's checkout, whether tracked files differ from it, and
    where it was cloned from; None outside a git checkout (or without git)."""

    def git(*args):
        return subprocess.run(
            ["git", "-C", folder, *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return None
    try:
        remote = without_credentials(git("config", "--get", "remote.origin.url"))
    except subprocess.CalledProcessError:
        remote = ""
    return {"commit": commit, "dirty": dirty, "remote": remote or None}


def without_credentials(url: str) -> str:
    """A remote URL without the user name and password or token it may carry: the report
    is meant to be sent to others."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme and "@" in parts.netloc:
        return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()
    return url


def describe(workflow_dir: str, config_name: str) -> dict:
    """Where the run came from, and one line that runs it again (see reproduce_line)."""
    git = git_state(workflow_dir)
    command = os.environ.get(COMMAND_VARIABLE, "snakemake --cores 4")
    return {"git": git, "command": command, "reproduce": reproduce_line(git, command, config_name)}


def reproduce_line(git: dict | None, command: str, config_name: str) -> str:
    """One line to paste in the folder where the run's config was saved as ``config_name``:
    clone the workflow there (when its remote is known) and check out the commit, put the
    config in place, and run the command (without its config options)."""
    steps, config = [], shlex.quote(config_name)
    if git and git["remote"]:
        steps += [
            f"git clone {shlex.quote(git['remote'])} digits-hypothesis",
            "cd digits-hypothesis",
        ]
        config = f"../{config}"
    if git:
        steps.append(f"git checkout {git['commit']}")
    steps.append(f"cp {config} config/config.yaml")
    steps.append(without_config_options(command))
    return " && ".join(steps)
