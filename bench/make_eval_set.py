"""Generate photos-and-scans-like images of single digits, with their true labels.

Debian packages the fonts come from (`apt-get install -y ...`):

    fonts-comic-neue fonts-humor-sans fonts-dkg-handwriting fonts-sjfonts fonts-bwht
    fonts-klee fonts-urw-base35 fonts-rufscript fonts-dancingscript fonts-ecolier-court
    fonts-kaushanscript fonts-kristi fonts-leckerli-one

Two disjoint splits, so the benchmark reports on images nothing was tuned on:

* ``tune`` (seed 1 by default): fonts in TUNE_FONTS plus random-stroke drawings. The
  preprocessing constants in digits_hypothesis/images.py were chosen on this split only.
* ``eval`` (seed 2 by default): the other font families, EVAL_FONTS, plus random-stroke
  drawings from another seed. bench/own_images.py reports on this split.

Each font glyph or stroke drawing is rotated, scaled, placed with margins on a canvas of
random size, given paper and ink colours (a quarter light ink on dark "chalkboard"),
uneven lighting, noise and blur, and saved as PNG or JPEG. Stroke width varies through
the font's own weight, PIL's text stroke and the pen width of the drawings. The output
is the same for the same split, seed and count (fonts permitting).

    python bench/make_eval_set.py OUT_DIR [--split eval|tune] [--seed N] [--per-font N]

writes OUT_DIR/<NNNN>_<style>_<digit>.<png|jpg> and OUT_DIR/labels.csv
(file, digit, style, kind).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

TUNE_FONTS = {
    "comicneue": "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf",
    "comicneue-bolditalic": "/usr/share/fonts/opentype/comic-neue/ComicNeue-BoldItalic.otf",
    "humorsans": "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf",
    "dkg": "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
    "dkg-bold": "/usr/share/fonts/truetype/fifthhorseman/dkgBd.ttf",
    "delphine": "/usr/share/fonts/truetype/sjfonts/Delphine.ttf",
    "bw-build": "/usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf",
    "bw-create": "/usr/share/fonts/opentype/bwht/BecauseWeCreate-Regular.otf",
    "bw-organize": "/usr/share/fonts/opentype/bwht/BecauseWeOrganize-Regular.otf",
    "klee": "/usr/share/fonts/truetype/klee/KleeOne-Regular.ttf",
    "z003": "/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf",
}
EVAL_FONTS = {
    "rufscript": "/usr/share/fonts/truetype/rufscript/Rufscript010.ttf",
    "stevehand": "/usr/share/fonts/truetype/sjfonts/SteveHand.ttf",
    "bw-connect": "/usr/share/fonts/opentype/bwht/BecauseWeConnect-Regular.otf",
    "bw-learn": "/usr/share/fonts/opentype/bwht/BecauseWeLearn-Regular.otf",
    "bw-mentor": "/usr/share/fonts/opentype/bwht/BecauseWeMentor-Regular.otf",
    "dancingscript": "/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf",
    "ecolier": "/usr/share/fonts/truetype/ecolier-court/Ecolier-court.ttf",
    "kaushan": "/usr/share/fonts/opentype/kaushanscript/KaushanScript-Regular.otf",
    "kristi": "/usr/share/fonts/truetype/kristi/Kristi.ttf",
    "leckerli": "/usr/share/fonts/truetype/leckerli-one/LeckerliOne-Regular.ttf",
}
SPLITS = {"tune": (TUNE_FONTS, 1), "eval": (EVAL_FONTS, 2)}
GLYPH_SIZE = 160  # font size the glyphs are rendered at before resampling


# --------------------------------------------------------------------------- ink maps


def font_ink(path: str, digit: int, rng: np.random.Generator) -> np.ndarray:
    """The glyph as an ink map (1 ink, 0 paper), optionally with a thicker pen."""
    font = ImageFont.truetype(path, GLYPH_SIZE)
    stroke = int(rng.choice([0, 0, 0, 2, 4, 7]))  # PIL's outline stroke thickens the pen
    canvas = Image.new("L", (GLYPH_SIZE * 2, GLYPH_SIZE * 2), 0)
    ImageDraw.Draw(canvas).text(
        (GLYPH_SIZE // 2, GLYPH_SIZE // 3),
        str(digit),
        font=font,
        fill=255,
        stroke_width=stroke,
        stroke_fill=255,
    )
    return _crop(np.asarray(canvas, dtype=np.float64) / 255.0)


def _arc(cx, cy, rx, ry, start, stop, n=24):
    angles = np.radians(np.linspace(start, stop, n))
    return list(zip(cx + rx * np.cos(angles), cy + ry * np.sin(angles)))


def _templates(digit: int, variant: int) -> list[list[tuple[float, float]]]:
    """Pen strokes of a digit in a unit box (x right, y down), a few common variants."""
    if digit == 0:
        return [_arc(0.5, 0.5, 0.42, 0.5, -90, 275)]
    if digit == 1:
        strokes = [[(0.55, 0.0), (0.55, 1.0)]]
        if variant % 2:
            strokes.append([(0.25, 0.25), (0.55, 0.0)])
        if variant % 3 == 2:
            strokes.append([(0.3, 1.0), (0.8, 1.0)])
        return strokes
    if digit == 2:
        return [_arc(0.5, 0.3, 0.42, 0.3, -170, 35) + [(0.05, 1.0), (0.95, 1.0)]]
    if digit == 3:
        return [_arc(0.5, 0.26, 0.38, 0.26, -150, 90) + _arc(0.5, 0.74, 0.45, 0.26, -90, 150)]
    if digit == 4:
        if variant % 2:
            return [[(0.7, 1.0), (0.7, 0.0), (0.05, 0.68), (1.0, 0.68)]]
        return [[(0.2, 0.0), (0.1, 0.65), (0.95, 0.65)], [(0.72, 0.3), (0.72, 1.0)]]
    if digit == 5:
        return [[(0.9, 0.0), (0.2, 0.0), (0.15, 0.45)] + _arc(0.5, 0.68, 0.42, 0.32, -125, 150)]
    if digit == 6:
        return [[(0.8, 0.02), (0.45, 0.12), (0.2, 0.42)] + _arc(0.5, 0.72, 0.38, 0.28, 180, 535)]
    if digit == 7:
        strokes = [[(0.05, 0.0), (0.95, 0.0), (0.35, 1.0)]]
        if variant % 2:
            strokes.append([(0.35, 0.52), (0.85, 0.52)])
        return strokes
    if digit == 8:
        return [_arc(0.5, 0.25, 0.33, 0.25, 0, 360), _arc(0.5, 0.72, 0.42, 0.28, 0, 360)]
    stem = [(0.9, 0.3), (0.85, 1.0)] if variant % 2 else [(0.9, 0.3), (0.8, 0.8), (0.5, 1.0)]
    return [_arc(0.5, 0.3, 0.4, 0.3, 0, 360), stem]


def stroke_ink(digit: int, rng: np.random.Generator) -> np.ndarray:
    """A random hand-drawn-looking digit: jittered template, slant, wobble, pen width."""
    size = 200
    aspect = rng.uniform(0.55, 0.9)
    shear = rng.uniform(-0.25, 0.25)
    wobble = rng.uniform(0.0, 0.04, size=4)
    pen = int(rng.integers(6, 26))
    canvas = Image.new("L", (size * 2, size * 2), 0)
    draw = ImageDraw.Draw(canvas)
    for stroke in _templates(digit, int(rng.integers(0, 6))):
        points = np.array(stroke) + rng.normal(0, 0.025, size=(len(stroke), 2))
        x, y = points[:, 0], points[:, 1]
        x = x + wobble[0] * np.sin(6 * y + wobble[1] * 100) + shear * (0.5 - y)
        y = y + wobble[2] * np.sin(6 * x + wobble[3] * 100)
        xy = [(size / 2 + size * aspect * px, size / 2 + size * py) for px, py in zip(x, y)]
        draw.line(xy, fill=255, width=pen, joint="curve")
        for px, py in (xy[0], xy[-1]):  # round pen ends
            draw.ellipse((px - pen / 2, py - pen / 2, px + pen / 2, py + pen / 2), fill=255)
    return _crop(np.asarray(canvas, dtype=np.float64) / 255.0)


def _crop(ink: np.ndarray) -> np.ndarray:
    rows = np.flatnonzero(ink.max(axis=1) > 0.1)
    cols = np.flatnonzero(ink.max(axis=0) > 0.1)
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


# --------------------------------------------------------------------------- photos


def photograph(ink: np.ndarray, rng: np.random.Generator) -> Image.Image:
    """Place an ink map on a canvas with paper, lighting, noise and blur like a photo."""
    glyph = Image.fromarray((ink * 255).astype(np.uint8)).rotate(
        rng.uniform(-12, 12), resample=Image.Resampling.BICUBIC, expand=True
    )
    height = int(rng.integers(24, 220))
    width = max(2, round(glyph.width * height / glyph.height))
    glyph = glyph.resize((width, height), Image.Resampling.LANCZOS)
    canvas_w = width + int(rng.integers(4, 2 * height + 8))
    canvas_h = height + int(rng.integers(4, height + 8))
    alpha = np.zeros((canvas_h, canvas_w))
    top = int(rng.integers(0, canvas_h - height + 1))
    left = int(rng.integers(0, canvas_w - width + 1))
    alpha[top : top + height, left : left + width] = np.asarray(glyph) / 255.0
    return _colour(alpha, rng)


def _colour(alpha: np.ndarray, rng: np.random.Generator) -> Image.Image:
    dark_paper = rng.random() < 0.25
    if dark_paper:
        paper = rng.uniform(0.05, 0.3, size=3)
        ink = rng.uniform(0.75, 1.0, size=3)
    else:
        paper = rng.uniform(0.75, 1.0) * np.array([1.0, rng.uniform(0.93, 1), rng.uniform(0.85, 1)])
        ink = rng.choice([[0.05, 0.05, 0.08], [0.1, 0.15, 0.6], [0.6, 0.1, 0.1], [0.3, 0.3, 0.3]])
    ink = np.asarray(ink) * rng.uniform(0.8, 1.0)
    h, w = alpha.shape
    yy, xx = np.mgrid[0:h, 0:w]
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (np.cos(angle) * xx / w + np.sin(angle) * yy / h) * rng.uniform(0.0, 0.35)
    light = 1.0 - (ramp - ramp.min())  # uneven lighting: up to 35% darker on one side
    image = (paper * (1 - alpha[..., None]) + ink * alpha[..., None]) * light[..., None]
    image += rng.normal(0, rng.uniform(0.0, 0.04), size=image.shape)
    picture = Image.fromarray((np.clip(image, 0, 1) * 255).astype(np.uint8), mode="RGB")
    blur = rng.uniform(0.0, max(0.3, min(h, w) / 80))
    return picture.filter(ImageFilter.GaussianBlur(blur))


def save(picture: Image.Image, stem: str, out: Path, rng: np.random.Generator) -> str:
    if rng.random() < 0.3:
        picture = picture.convert("L")
    if rng.random() < 0.5:
        name = f"{stem}.jpg"
        picture.save(out / name, quality=int(rng.integers(55, 95)))
    else:
        name = f"{stem}.png"
        picture.save(out / name, optimize=False)
    return name


# --------------------------------------------------------------------------- main


def generate(
    out: Path, split: str, seed: int | None = None, per_font: int = 3, strokes_per_digit: int = 10
) -> list[dict]:
    """Write the images and labels.csv; return the label rows."""
    fonts, default_seed = SPLITS[split]
    rng = np.random.default_rng(default_seed if seed is None else seed)
    missing = [name for name, path in fonts.items() if not Path(path).is_file()]
    if missing:
        raise SystemExit(
            f"fonts missing: {', '.join(missing)}; install the packages in "
            f"this file's docstring (apt-get install -y ...)"
        )
    out.mkdir(parents=True, exist_ok=True)
    jobs = [
        ("font", style, digit) for style in fonts for digit in range(10) for _ in range(per_font)
    ]
    jobs += [("strokes", "strokes", digit) for digit in range(10) for _ in range(strokes_per_digit)]
    rows = []
    for index, (kind, style, digit) in enumerate(jobs):
        ink = font_ink(fonts[style], digit, rng) if kind == "font" else stroke_ink(digit, rng)
        name = save(photograph(ink, rng), f"{index:04d}_{style}_{digit}", out, rng)
        rows.append({"file": name, "digit": digit, "style": style, "kind": kind})
    with open(out / "labels.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["file", "digit", "style", "kind"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=sorted(SPLITS), default="eval")
    parser.add_argument("--seed", type=int, default=None, help="default: 1 tune, 2 eval")
    parser.add_argument("--per-font", type=int, default=3)
    parser.add_argument("--strokes-per-digit", type=int, default=10)
    args = parser.parse_args(argv)
    rows = generate(args.out, args.split, args.seed, args.per_font, args.strokes_per_digit)
    print(f"{len(rows)} images in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
