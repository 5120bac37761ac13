"""Estimators from the config, and model files loaded only through skops' safe loader."""

import importlib

import numpy as np
import pytest
import skops.io as sio
from sklearn.datasets import load_digits

from digits_hypothesis import models


@pytest.mark.parametrize("name", sorted(models.ESTIMATORS))
def test_parameter_names_are_those_of_scikit_learn(name):
    module, class_name, _ = models.ESTIMATORS[name]
    estimator = getattr(importlib.import_module(module), class_name)()
    assert sorted(models.parameter_names(name)) == sorted(estimator.get_params(deep=False))


def test_scale_puts_a_standard_scaler_in_front():
    pipeline = models.build_estimator(
        {"estimator": "knn", "params": {"n_neighbors": 3}, "scale": True}
    )
    assert [type(step).__name__ for _, step in pipeline.steps] == [
        "StandardScaler",
        "KNeighborsClassifier",
    ]
    assert pipeline.steps[1][1].n_neighbors == 3


@pytest.mark.parametrize("name", sorted(models.ESTIMATORS))
def test_every_estimator_round_trips_through_a_safe_model_file(name, tmp_path):
    x, y = load_digits(return_X_y=True)
    params = {"random_state": 0} if "random_state" in models.parameter_names(name) else {}
    if name == "mlp":
        params["max_iter"] = 30
    model = models.build_estimator({"estimator": name, "params": params}).fit(x[:400], y[:400])
    path = tmp_path / "model.skops"
    models.save_model(model, str(path))
    loaded = models.load_model(str(path))
    assert (loaded.predict(x[400:500]) == model.predict(x[400:500])).all()


class Payload:
    """Stands for anything a tampered file could smuggle in."""

    def __init__(self):
        self.command = "rm -rf /"


def test_a_model_file_with_an_untrusted_type_is_refused(tmp_path):
    path = tmp_path / "tampered.skops"
    sio.dump({"model": Payload(), "weights": np.zeros(3)}, path)
    with pytest.raises(models.ModelFileError, match="untrusted types: .*Payload"):
        models.load_model(str(path))


def test_a_file_that_is_not_a_model_is_refused_with_its_name(tmp_path):
    path = tmp_path / "model.skops"
    path.write_bytes(b"not a zip file")
    with pytest.raises(models.ModelFileError, match="model.skops: not a readable skops model"):
        models.load_model(str(path))
