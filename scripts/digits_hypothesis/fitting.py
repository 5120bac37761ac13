"""Splitting and fitting: the one fit loop that every fit step runs (imports scikit-learn:
fit steps only)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from sklearn.model_selection import RepeatedKFold, RepeatedStratifiedKFold, train_test_split

from digits_hypothesis import cached_data, models


@dataclass(frozen=True)
class Task:
    """One model to fit: ``spec`` on the split (test_size, seed, stratify; ``kfold`` for a
    k-fold case's split, see :func:`split`), trained on the first ``train_size`` rows of the
    training part (all of them when None)."""

    name: str  # names the task in the log and in errors, e.g. "case 'half', seed 3"
    spec: dict
    test_size: float | int
    seed: int
    stratify: bool
    train_size: int | None = None
    kfold: tuple[int, int, int] | None = None  # (folds, repeats, random_state): kfold_of


@dataclass
class Fitted:
    model: object
    train: np.ndarray  # row indices the model was trained on
    test: np.ndarray  # row indices of the test part, in the splitter's order (split)
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


def split(target: np.ndarray, test_size, seed: int, stratify: bool, kfold=None):
    """Training and test row indices of one split of the study: the one splitting function
    of every step that re-creates a split (fits, the comparison, the baselines, the
    permutation test).

    A test-size case: exactly as train_test_split(data, target, test_size, random_state=
    seed, stratify=...) splits. A k-fold case (``kfold`` = (folds, repeats, random_state),
    ``test_size`` unused): split number ``seed`` = j = repeat * folds + fold, the j-th of
    RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=random_state)
    .split(data, target), RepeatedKFold without stratify (both indices sorted ascending)."""
    if kfold is not None:
        return _kfold_parts(tuple(target.tolist()), *kfold, stratify)[seed]
    return train_test_split(
        np.arange(len(target)),
        test_size=test_size,
        random_state=seed,
        stratify=target if stratify else None,
    )


def kfold_of(record: dict) -> tuple[int, int, int] | None:
    """A split record's (folds, repeats, random_state) (study.split_records), None for a
    test-size case's split."""
    if record.get("folds") is None:
        return None
    return record["folds"], record["repeats"], record["random_state"]


@lru_cache(maxsize=4)
def _kfold_parts(labels: tuple, folds: int, repeats: int, random_state: int, stratify: bool):
    """Every split of a repeated k-fold, in the splitter's order (drawn once per process:
    a batch takes several of them)."""
    kind = RepeatedStratifiedKFold if stratify else RepeatedKFold
    splitter = kind(n_splits=folds, n_repeats=repeats, random_state=random_state)
    target = np.asarray(labels)
    return list(splitter.split(np.zeros((len(target), 1)), target))


def fit_all(tasks: list[Task], data_path: str, log) -> Iterator[tuple[Task, Fitted]]:
    """Fit every task on the cached data set, in order, logging each score.

    A failure is re-raised naming the task, so the log says which case or point failed.
    """
    features, target = cached_data.load_features(data_path)
    parts = cache(lambda *key: split(target, *key))
    for task in tasks:
        train, test = parts(task.test_size, task.seed, task.stratify, task.kfold)
        train = train if task.train_size is None else train[: task.train_size]
        try:
            model = models.build_estimator(task.spec).fit(features[train], target[train])
            predicted = model.predict(features[test])
        except Exception as error:
            raise RuntimeError(f"{task.name}: fitting {task.spec} failed: {error}") from error
        fitted = Fitted(model, train, test, target[test], predicted)
        log.info("%s: %d of %d correct", task.name, fitted.n_correct, len(test))
        yield task, fitted
