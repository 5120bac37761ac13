"""The errors the workflow raises for a user to read, each naming what is wrong: a leaf
module (it imports nothing of the package), so that any module may raise them."""

from __future__ import annotations


class ConfigError(ValueError):
    """A config value that the schema cannot express a rule for; the message names the key."""

    def __init__(self, key: str, problem: str):
        super().__init__(f"Invalid config key '{key}': {problem}")
