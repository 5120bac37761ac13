"""Estimators named in the config, and safe model files.

scikit-learn is imported lazily inside the functions: the Snakefile imports this module
to check parameter names, and must not pay for scikit-learn.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path

from digits_hypothesis.exceptions import ConfigError

# name -> (module, class, parameter names). A test keeps the names in step with
# scikit-learn's own get_params(), so a typo in the config is caught before any job runs.
ESTIMATORS = {
    "svc": (
        "sklearn.svm",
        "SVC",
        "C break_ties cache_size class_weight coef0 decision_function_shape degree gamma "
        "kernel max_iter probability random_state shrinking tol verbose",
    ),
    "knn": (
        "sklearn.neighbors",
        "KNeighborsClassifier",
        "algorithm leaf_size metric metric_params n_jobs n_neighbors p weights",
    ),
    "logistic_regression": (
        "sklearn.linear_model",
        "LogisticRegression",
        "C class_weight dual fit_intercept intercept_scaling l1_ratio max_iter n_jobs "
        "penalty random_state solver tol verbose warm_start",
    ),
    "random_forest": (
        "sklearn.ensemble",
        "RandomForestClassifier",
        "bootstrap ccp_alpha class_weight criterion max_depth max_features max_leaf_nodes "
        "max_samples min_impurity_decrease min_samples_leaf min_samples_split "
        "min_weight_fraction_leaf monotonic_cst n_estimators n_jobs oob_score random_state "
        "verbose warm_start",
    ),
    "mlp": (
        "sklearn.neural_network",
        "MLPClassifier",
        "activation alpha batch_size beta_1 beta_2 early_stopping epsilon hidden_layer_sizes "
        "learning_rate learning_rate_init max_fun max_iter momentum n_iter_no_change "
        "nesterovs_momentum power_t random_state shuffle solver tol validation_fraction "
        "verbose warm_start",
    ),
}

# Types that skops does not trust by default but that our own estimators contain.
# Anything else in a model file is refused (a tampered or foreign file).
TRUSTED_TYPES = [
    "sklearn.tree._tree.Tree",
    "sklearn.neural_network._stochastic_optimizers.AdamOptimizer",
    "sklearn.neural_network._stochastic_optimizers.SGDOptimizer",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.calibration._TemperatureScaling",
]


# The config's schema, whose $defs/model states what each estimator's parameters may be.
SCHEMA = Path(__file__).resolve().parents[2] / "config" / "schema.yaml"


class ModelFileError(ValueError):
    """A model file that cannot be loaded safely."""


def parameter_names(estimator: str) -> list[str]:
    return ESTIMATORS[estimator][2].split()


def check_model_spec(spec: dict, key: str) -> None:
    """Refuse parameter names the estimator does not have, naming the config key."""
    allowed = parameter_names(spec["estimator"])
    for name in spec.get("params", {}):
        if name not in allowed:
            raise ConfigError(
                f"{key}.params.{name}",
                f"{spec['estimator']} has no parameter {name!r}; allowed: {', '.join(allowed)}",
            )


def spec_problem(spec: dict) -> str | None:
    """What the config schema finds wrong with a model spec ({estimator, params, scale}), or
    None: for specs the config builds itself (the sensitivity grid's points)."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_spec_validator().iter_errors(spec))
    return None if error is None else error.message


@functools.cache  # one schema read per parse, not one per grid value
def _spec_validator():
    import jsonschema
    import yaml

    schema = yaml.safe_load(SCHEMA.read_text())
    return jsonschema.Draft202012Validator({"$ref": "#/$defs/model", "$defs": schema["$defs"]})


def build_estimator(spec: dict):
    """A fresh, unfitted estimator from a config block {estimator, params, scale}."""
    module, class_name, _ = ESTIMATORS[spec["estimator"]]
    estimator = getattr(importlib.import_module(module), class_name)(**spec.get("params", {}))
    if spec.get("scale", False):
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        return make_pipeline(StandardScaler(), estimator)
    return estimator


def save_model(model, path: str) -> None:
    import skops.io as sio

    from digits_hypothesis.files import atomic_path

    with atomic_path(path) as tmp:
        sio.dump(model, tmp)


def load_model(path: str):
    """Load with skops' safe loader, trusting only the types listed above."""
    import skops.io as sio

    try:
        untrusted = sio.get_untrusted_types(file=path)
        unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
        if unexpected:
            raise ModelFileError(
                f"{path}: refusing to load a model file with untrusted types: "
                f"{', '.join(unexpected)}"
            )
        return sio.load(path, trusted=[t for t in untrusted if t in TRUSTED_TYPES])
    except ModelFileError:
        raise
    except Exception as error:  # a broken zip, missing schema, ...: name the file
        raise ModelFileError(f"{path}: not a readable skops model file ({error})") from error
