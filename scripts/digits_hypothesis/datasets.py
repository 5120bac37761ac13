"""The claim's data: which data set (config ``data``), and what the Snakefile must know of it
before any job runs (rows, classes, whether it is images) and the words the report uses.

scikit-learn's own data sets are described by constants (checked against their loaders by a
test), so that planning a run imports no scikit-learn. Standard library only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Facts:
    """What is known of a data set before it is loaded."""

    title: str  # as the claim names it
    n_rows: int
    classes: list[str]  # class names, in label-code order 0..K-1
    class_counts: list[int]
    n_features: int
    image_shape: tuple[int, int] | None = None  # only image data gets galleries, own images
    noun: str = "row"  # what one sample is called
    class_word: str = "class"  # what a label is called
    cache: str = "data"  # the cached file's name: results/data/{cache}.npz
    table: dict | None = None  # a table's path, label, features, sha256, how read (source: table)

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    @property
    def images(self) -> bool:
        return self.image_shape is not None

    def as_dict(self) -> dict:
        return {**asdict(self), "n_classes": self.n_classes, "images": self.images}


DIGITS = Facts(
    title="scikit-learn's Digits data set (1,797 handwritten 8×8 images)",
    n_rows=1797,
    classes=[str(d) for d in range(10)],
    class_counts=[178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
    n_features=64,
    image_shape=(8, 8),
    noun="image",
    class_word="digit",
    cache="digits",
)
# scikit-learn's other bundled classification data sets: load_{name}().
SKLEARN = {
    "digits": DIGITS,
    "iris": Facts(
        title="scikit-learn's Iris data set (150 flowers, 4 measurements)",
        n_rows=150,
        classes=["setosa", "versicolor", "virginica"],
        class_counts=[50, 50, 50],
        n_features=4,
        noun="flower",
        class_word="species",
        cache="iris",
    ),
    "wine": Facts(
        title="scikit-learn's Wine data set (178 wines, 13 chemical measurements)",
        n_rows=178,
        classes=["class_0", "class_1", "class_2"],
        class_counts=[59, 71, 48],
        n_features=13,
        noun="wine",
        class_word="cultivar",
        cache="wine",
    ),
    "breast_cancer": Facts(
        title="scikit-learn's Breast Cancer Wisconsin data set (569 tumours, 30 features)",
        n_rows=569,
        classes=["malignant", "benign"],
        class_counts=[212, 357],
        n_features=30,
        noun="tumour",
        class_word="diagnosis",
        cache="breast_cancer",
    ),
}


def facts(data: dict) -> Facts:
    """The Facts of a ``data`` block (validated by the schema and settings.check_data); a
    table is read and checked here (tabular.read), so a bad one stops before any job."""
    source = data.get("source", "digits")
    if source == "digits":
        return DIGITS
    if source == "sklearn":
        return SKLEARN[data["name"]]
    from digits_hypothesis import tabular

    options = {key: data[key] for key in ("sep", "decimal", "encoding")}  # schema defaults
    table = tabular.read(data["path"], data["label"], data.get("features"), **options)
    return Facts(
        title=f"the table {table.path} ({len(table.codes):,} rows, {len(table.features)} features)",
        n_rows=len(table.codes),
        classes=table.classes,
        class_counts=[table.codes.count(code) for code in range(len(table.classes))],
        n_features=len(table.features),
        class_word=table.label,
        cache="table",
        table={
            "path": table.path,
            "label": table.label,
            "features": table.features,
            "sha256": table.sha256,
            # how it was read, for prepare_data and the report (sep None: Parquet)
            "sep": table.sep,
            "sep_detected": data["sep"] is None,
            "decimal": data["decimal"],
            "encoding": data["encoding"],
        },
    )


def of(config: dict) -> Facts:
    """The Facts of the config's data set (Digits when it names none)."""
    return facts(config.get("data") or {})
