"""Reading a person's own digit images: bad files, the pipeline, the command line."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digits_hypothesis import images
from digits_hypothesis.images import ImageError, load_greyscale, to_digit_features
from digits_hypothesis.own_images import PREDICTIONS, load_features, read_images, save_features

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- helpers


def digit_ink(index: int = 0, size: int = 64) -> np.ndarray:
    """A load_digits digit upscaled to size x size, as ink density 0-1."""
    from sklearn.datasets import load_digits

    small = load_digits().images[index] / 16
    big = Image.fromarray(small.astype(np.float32), mode="F").resize(
        (size, size), Image.Resampling.BILINEAR
    )
    return np.clip(np.asarray(big, dtype=np.float64), 0, 1)


def page(ink: np.ndarray, margin: int = 20) -> np.ndarray:
    """Dark ink on white paper with margins, as an 8-bit grey image array."""
    grey = 1 - np.pad(ink, margin)
    return (grey * 255).round().astype(np.uint8)


def save_digit(path: Path, mode: str = "L", index: int = 0) -> Path:
    Image.fromarray(page(digit_ink(index))).convert(mode).save(path)
    return path


def png_with_size(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims width x height but whose data is a few bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )
    return path


def message_of(path: Path) -> str:
    with pytest.raises(ImageError) as caught:
        to_digit_features(load_greyscale(path), name=path.name)
    return str(caught.value)


# --------------------------------------------------------------------------- bad inputs


def test_not_an_image(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("these are not pixels\n")
    assert message_of(path) == "notes.png: not an image file Pillow can identify"


def test_truncated_png(tmp_path):
    whole = save_digit(tmp_path / "whole.png").read_bytes()
    path = tmp_path / "cut.png"
    path.write_bytes(whole[: len(whole) // 2])
    message = message_of(path)
    assert message.startswith("cut.png: truncated or corrupt image data")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.jpg"
    path.touch()
    assert message_of(path) == "empty.jpg: empty file (0 bytes)"


def test_missing_file(tmp_path):
    assert message_of(tmp_path / "gone.png") == "gone.png: no such file"


def test_decompression_bomb_beyond_pillows_limit(tmp_path):
    path = png_with_size(tmp_path / "bomb.png", 100_000, 100_000)
    message = message_of(path)
    assert message.startswith("bomb.png: image too large")
    assert "decompression bomb" in message


def test_decompression_bomb_below_pillows_limit(tmp_path):
    # 81 megapixels: Pillow would decode it (its limit is ~179 MP); ours refuses first.
    path = png_with_size(tmp_path / "big.png", 9_000, 9_000)
    message = message_of(path)
    assert message.startswith("big.png: image too large (9000x9000")
    assert "decompression bomb" in message


@pytest.mark.parametrize("level, name", [(255, "white.png"), (0, "black.png")])
def test_uniform_image_has_no_ink(tmp_path, level, name):
    path = tmp_path / name
    Image.new("L", (50, 40), level).save(path)
    assert message_of(path) == f"{name}: no ink found (blank or uniform image)"


def test_multi_frame_gif_is_refused(tmp_path):
    path = tmp_path / "anim.gif"
    first = Image.fromarray(page(digit_ink(0)))
    first.save(path, save_all=True, append_images=[Image.fromarray(page(digit_ink(1)))])
    assert message_of(path).startswith("anim.gif: multi-frame image (2 frames)")


def test_multi_frame_tiff_is_refused(tmp_path):
    path = tmp_path / "pages.tiff"
    frames = [Image.fromarray(page(digit_ink(i))) for i in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    assert message_of(path).startswith("pages.tiff: multi-frame image (3 frames)")


# --------------------------------------------------------------------------- modes


def test_sixteen_bit_reads_like_eight_bit(tmp_path):
    eight = page(digit_ink(3))
    path = tmp_path / "deep.png"
    Image.fromarray(eight.astype(np.uint16) * 257).save(path)
    grey = load_greyscale(path)
    assert Image.open(path).mode.startswith("I")
    np.testing.assert_allclose(grey, eight / 255, atol=1e-6)


def test_palette_reads_like_grey(tmp_path):
    grey_path = save_digit(tmp_path / "grey.png", index=5)
    palette_path = save_digit(tmp_path / "palette.png", mode="P", index=5)
    assert Image.open(palette_path).mode == "P"
    np.testing.assert_allclose(load_greyscale(palette_path), load_greyscale(grey_path), atol=0.02)


def test_rgba_is_composited_on_white(tmp_path):
    ink = digit_ink(7)
    alpha = (np.pad(ink, 20) * 255).round().astype(np.uint8)
    rgba = np.zeros(alpha.shape + (4,), dtype=np.uint8)  # black ink, transparent paper
    rgba[..., 3] = alpha
    path = tmp_path / "clear.png"
    Image.fromarray(rgba, mode="RGBA").save(path)
    grey = load_greyscale(path)
    assert grey[0, 0] == 1.0  # transparent corner became white paper, not black
    opaque = to_digit_features(page(ink) / 255)
    np.testing.assert_allclose(to_digit_features(grey), opaque, atol=1.0)


# --------------------------------------------------------------------------- pipeline


def test_round_trip_of_load_digits_is_close():
    """Upscaled, rendered and read back, a load_digits digit keeps its features."""
    from sklearn.datasets import load_digits

    originals = load_digits().images
    errors = []
    for index in range(0, 200, 10):
        features = to_digit_features(page(digit_ink(index)) / 255)
        errors.append(np.abs(features - originals[index]).mean())
    # An unrelated digit is ~5 off per block; the renormalised copy stays near 1.5.
    assert np.median(errors) < 2.5, errors


def test_features_shape_and_range():
    features = to_digit_features(page(digit_ink(2)) / 255)
    assert features.shape == (8, 8)
    assert features.min() >= 0 and features.max() <= 16
    assert 0.2 < features.mean() / 16 < 0.4  # load_digits has ~30% ink


def test_light_on_dark_reads_like_dark_on_light():
    grey = page(digit_ink(4)) / 255
    np.testing.assert_array_equal(to_digit_features(1 - grey), to_digit_features(grey))


def test_position_and_size_do_not_matter():
    small = page(digit_ink(6, size=40), margin=10) / 255
    big = np.ones((300, 400))
    big[150:210, 300:360] = np.asarray(
        Image.fromarray(small.astype(np.float32), mode="F").resize((60, 60))
    )
    difference = np.abs(to_digit_features(big) - to_digit_features(small)).mean()
    assert difference < 1.5


def test_uneven_lighting_is_flattened():
    grey = page(digit_ink(8)) / 255
    ramp = np.linspace(1.0, 0.55, grey.shape[1])[None, :]  # a shadow across the page
    difference = np.abs(to_digit_features(grey * ramp) - to_digit_features(grey)).mean()
    assert difference < 1.5


def test_naive_features_baseline():
    features = images.naive_features(page(digit_ink(0)) / 255)
    assert features.shape == (8, 8)
    assert features.min() == 0 and features.max() == 16


def test_augment_digits_gives_labelled_copies():
    from sklearn.datasets import load_digits

    digits = load_digits()
    extra, labels = images.augment_digits(digits.images[:20], digits.target[:20], seed=1, copies=2)
    assert extra.shape == (40, 8, 8) and list(labels) == list(digits.target[:20]) * 2
    assert extra.min() >= 0 and extra.max() <= 16
    again, _ = images.augment_digits(digits.images[:20], digits.target[:20], seed=1, copies=2)
    np.testing.assert_array_equal(extra, again)


def test_narrow_character_stays_narrow():
    """A thin upright "1" becomes a narrow bar, as in load_digits, not a 20-wide blob."""
    grey = np.ones((200, 160))
    grey[20:180, 74:86] = 0.0  # a 160 x 12 pixel stroke
    features = to_digit_features(grey)
    ink_columns = np.flatnonzero(features.sum(axis=0) > 8)
    assert len(ink_columns) <= 4 and ink_columns.min() >= 2 and ink_columns.max() <= 5
    assert 0.2 < features.mean() / 16 < 0.4  # the stroke is thickened to the usual ink


def test_normalised_width_caps_only_narrow_crops():
    assert images.normalised_width((100, 80)) == images.BOX_WIDTH  # a wide "0"
    assert images.normalised_width((100, 55)) == images.BOX_WIDTH  # a typical digit
    assert images.normalised_width((100, 10)) == round(images.MAX_STRETCH * 3.2)
    assert images.normalised_width((500, 1)) == 1  # never zero pixels wide


def test_wide_digit_fills_the_box():
    from sklearn.datasets import load_digits

    zero = load_digits().images[0]  # a "0": block columns 1-6 hold ink
    features = to_digit_features(page(digit_ink(0)) / 255)
    assert (features.sum(axis=0) > 0).tolist() == (zero.sum(axis=0) > 0).tolist()


def test_augmented_copies_vary_and_keep_the_ink():
    from sklearn.datasets import load_digits

    digits = load_digits()
    one, _ = images.augment_digits(digits.images[:50], digits.target[:50], seed=1, copies=1)
    two, _ = images.augment_digits(digits.images[:50], digits.target[:50], seed=2, copies=1)
    assert not np.array_equal(one, two)
    assert np.abs(one - digits.images[:50]).mean() > 0.5  # really distorted ...
    assert np.abs(one - digits.images[:50]).mean() < 4.0  # ... but still the same digit
    assert 0.25 < one.mean() / 16 < 0.35  # normalised to load_digits' ink fraction


# --------------------------------------------------------------------------- reading


class FixedModel:
    """Stands in for a fitted classifier: always scores digit 3 highest."""

    classes_ = np.arange(10)

    def predict(self, flat):
        return np.full(len(flat), 3)

    def decision_function(self, flat):
        return np.tile(np.arange(10) == 3, (len(flat), 1)).astype(float) * 2.0


def test_read_images_rows_and_features(tmp_path):
    good = save_digit(tmp_path / "good.png")
    bad = tmp_path / "bad.png"
    bad.write_text("nope")
    rows, features = read_images([good, bad], FixedModel())
    assert [row["file"] for row in rows] == ["good.png", "bad.png"]
    assert all(
        list(row) == PREDICTIONS.columns or set(row) == set(PREDICTIONS.columns) for row in rows
    )
    assert rows[0]["predicted_label"] == "3" and rows[0]["error"] == ""
    expected = np.exp(2.0) / (np.exp(2.0) + 9)  # softmax of the scores at digit 3
    # 0.45: under the default 0.5, so unsure
    assert rows[0]["probability"] == f"{expected:.6f}" and rows[0]["unsure"] == "True"
    assert rows[0]["second_label"] == "0" and rows[0]["third_label"] == "1"  # ties: lowest first
    assert rows[0]["second_probability"] == f"{1 / (np.exp(2.0) + 9):.6f}"
    assert rows[1]["predicted_label"] == "" and rows[1]["probability_0"] == ""
    assert rows[1]["error"] == "not an image file Pillow can identify"
    assert list(features) == ["good.png"]


def test_feature_file_is_reproducible(tmp_path):
    features = {"a.png": np.arange(64.0).reshape(8, 8), "b.jpg": np.ones((8, 8))}
    save_features(tmp_path / "one.npz", features)
    save_features(tmp_path / "two.npz", features)
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()
    loaded = load_features(tmp_path / "one.npz")
    assert list(loaded) == ["a.png", "b.jpg"]
    np.testing.assert_array_equal(loaded["a.png"], features["a.png"])


def test_command_line_good_and_bad(tmp_path):
    good = tmp_path / "zero.png"
    Image.fromarray(page(digit_ink(0))).save(good)  # load_digits[0] is a 0
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "predict_image.py"), str(good), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    name, digit, probability, sure, second, third = result.stdout.strip().split("\t")
    assert (name, digit) == (str(good), "0") and 0.5 <= float(probability) <= 1
    assert sure == "sure"
    assert float(probability) >= float(second.split(":")[1]) >= float(third.split(":")[1])
    assert result.stderr.startswith(f"{bad}\terror\t")
    assert "Traceback" not in result.stderr


def test_command_line_refuses_unloadable_model(tmp_path):
    good = save_digit(tmp_path / "digit.png")
    model = tmp_path / "model.skops"
    model.write_text("not a zip")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "predict_image.py"),
            str(good),
            "--model",
            str(model),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("--model: ") and "Traceback" not in result.stderr


@pytest.mark.parametrize("method", ["temperature", "sigmoid", "isotonic"])
def test_the_reader_is_calibrated_on_folds_that_keep_an_image_with_its_copies(tmp_path, method):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.datasets import load_digits

    from digits_hypothesis import models
    from digits_hypothesis.own_images import READER, SVC_SPEC, fit_reader

    digits = load_digits()
    images, labels = digits.images[:600], digits.target[:600]
    settings = {**READER, "augment": True, "copies": 1, "calibration": method}
    reader = fit_reader(images, labels, SVC_SPEC, settings)
    assert isinstance(reader, CalibratedClassifierCV) and reader.method == method
    for train, held_out in reader.cv:  # copy i of image i sits at 600 + i
        kept = set(train % 600)
        assert not kept & set(held_out % 600)
    # held-out Digits images: probabilities add up to one, and the confident answers are
    # right more often than the unsure ones (how well calibrated on real handwriting:
    # bench/own_images.py)
    proba = reader.predict_proba(digits.data[1000:1400])
    assert np.allclose(proba.sum(axis=1), 1)
    right = reader.classes_[proba.argmax(axis=1)] == digits.target[1000:1400]
    sure = proba.max(axis=1) >= np.median(proba.max(axis=1))
    assert right[sure].mean() > right[~sure].mean()
    path = tmp_path / "reader.skops"
    models.save_model(reader, str(path))
    loaded = models.load_model(str(path))  # the safe loader trusts the calibration types
    expected = reader.predict_proba(digits.data[:5])
    np.testing.assert_allclose(loaded.predict_proba(digits.data[:5]), expected)


def test_the_readers_defaults_are_the_configs():
    # the CLI and the drawing page fit (or describe) the reader as the workflow does
    import yaml

    from digits_hypothesis.own_images import READER, UNSURE_BELOW

    schema = yaml.safe_load((ROOT / "config" / "schema.yaml").read_text())
    keys = schema["properties"]["final_model"]["properties"]
    assert {key: keys[key]["default"] for key in READER} == READER
    assert keys["unsure_below"]["default"] == UNSURE_BELOW
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())["final_model"]
    assert {key: config[key] for key in READER} == READER
