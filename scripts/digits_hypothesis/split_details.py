"""The splits the report shows in detail: every split of a small study, the splits that
matter of a large one, so that the report stays one small file at any number of splits."""

from __future__ import annotations

from pathlib import Path

from digits_hypothesis import study


def select(scores: list[dict], limit: int) -> list[dict]:
    """The splits shown in detail, in study order.

    Up to ``limit`` splits: all of them. Beyond: the worst and the best split of each case,
    then the splits that do not support the claim, worst first; ``limit`` in all.
    """
    if len(scores) <= limit:
        return list(scores)
    import pandas as pd

    splits = pd.DataFrame(scores, columns=["case", "seed", "accuracy", "verdict"])
    study_order = {case: i for i, case in enumerate(dict.fromkeys(splits["case"]))}
    ranked = splits.sort_values(["accuracy", "seed"], kind="stable")  # worst first
    by_case = ranked.groupby("case", sort=False)
    extremes = pd.concat([by_case.head(1), by_case.tail(1)]).sort_values(
        "case", key=lambda c: c.map(study_order), kind="stable"
    )
    unsupported = ranked[ranked["verdict"] != study.SUPPORTED]
    chosen = extremes.index.append(unsupported.index).unique()[:limit]
    return [scores[i] for i in sorted(chosen)]


def by_split(paths: list[str]) -> dict[tuple[str, int], dict[str, str]]:
    """{(case, seed): {file name: path}} of per-split files ({case}/{seed}/{name})."""
    found: dict[tuple[str, int], dict[str, str]] = {}
    for path in paths:
        case, seed = Path(path).parent.parts[-2:]
        found.setdefault((case, int(seed)), {})[Path(path).name] = path
    return found


def figures(per_split: str, inputs: list[str], splits: list[dict]) -> list[dict | None]:
    """{key: path} of each split's figures (plots.per_split): found among every split's
    figures, in the folder of the report's splits, or None when not drawn."""
    names = study.REPORT_FIGURES.items()
    if per_split == "all":
        files = by_split(inputs)
        return [{key: files[(s["case"], s["seed"])][name] for key, name in names} for s in splits]
    if per_split == "report":
        folder = inputs[0]
        return [
            {key: study.split_path(folder, s["case"], s["seed"], name) for key, name in names}
            for s in splits
        ]
    return [None] * len(splits)
