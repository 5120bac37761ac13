"""One logging set-up for every step: messages and warnings go to the rule's log file."""

from __future__ import annotations

import logging


def to_file(path: str) -> logging.Logger:
    logging.basicConfig(
        filename=path,
        filemode="w",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        force=True,
    )
    logging.captureWarnings(True)
    return logging.getLogger("digits_hypothesis")
