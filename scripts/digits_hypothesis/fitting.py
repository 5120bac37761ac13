"""Splitting and fitting: the one fit loop that every fit step runs (imports scikit-learn:
fit steps only)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
from sklearn.model_selection import train_test_split

from digits_hypothesis import cached_data, models


@dataclass(frozen=True)
class Task:
    """One model to fit: ``spec`` on the split (test_size, seed, stratify), trained on the
    first ``train_size`` rows of the training part (all of them when None)."""

    name: str  # names the task in the log and in errors, e.g. "case 'half', seed 3"
    spec: dict
    test_size: float | int
    seed: int
    stratify: bool
    train_size: int | None = None


@dataclass
class Fitted:
    model: object
    train: np.ndarray  # row indices the model was trained on
    test: np.ndarray  # row indices of the test part, in train_test_split's order
    true: np.ndarray
    predicted: np.ndarray

    @property
    def n_correct(self) -> int:
        return int((self.true == self.predicted).sum())

    @property
    def right(self) -> np.ndarray:
        return self.true == self.predicted

    def prediction_rows(self) -> list[dict]:
        """Rows of the study's predictions.csv (``study.PREDICTIONS``)."""
        return [
            {"sample_index": int(i), "true_label": int(t), "predicted_label": int(p)}
            for i, t, p in zip(self.test, self.true, self.predicted)
        ]


def split(target: np.ndarray, test_size, seed: int, stratify: bool):
    """Training and test row indices exactly as train_test_split(data, target, ...) splits."""
    return train_test_split(
        np.arange(len(target)),
        test_size=test_size,
        random_state=seed,
        stratify=target if stratify else None,
    )


def fit_all(tasks: list[Task], data_path: str, log) -> Iterator[tuple[Task, Fitted]]:
    """Fit every task on the cached data set, in order, logging each score.

    A failure is re-raised naming the task, so the log says which case or point failed.
    """
    features, target = cached_data.load_features(data_path)
    parts = cache(lambda test_size, seed, stratify: split(target, test_size, seed, stratify))
    for task in tasks:
        train, test = parts(task.test_size, task.seed, task.stratify)
        train = train if task.train_size is None else train[: task.train_size]
        try:
            model = models.build_estimator(task.spec).fit(features[train], target[train])
            predicted = model.predict(features[test])
        except Exception as error:
            raise RuntimeError(f"{task.name}: fitting {task.spec} failed: {error}") from error
        fitted = Fitted(model, train, test, target[test], predicted)
        log.info("%s: %d of %d correct", task.name, fitted.n_correct, len(test))
        yield task, fitted
