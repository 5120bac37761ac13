"""Turn a photo or scan of one handwritten digit into the 8x8, 0-16 features of load_digits.

scikit-learn's Digits data are the test part of UCI optdigits: NIST's preprocessing
normalised each digit into a 32x32 bitmap and optdigits counted the ink pixels in each
non-overlapping 4x4 block. Measured on load_digits (see bench/own_images.py), those
bitmaps have:

* the digit's height filling all 32 rows (every row of blocks holds ink in every image);
* its width stretched to 20 pixels at column 6 (a "0" spans block columns 1-6 in 177
  of 178 images) - NIST's norm_2nd_gen2 stretches the bounding box to 20x32 - then
  sheared upright (NIST's shear_char); yet "1"s are narrow bars (most span 3-4 block
  columns, not 6), so narrow characters are widened no more than MAX_STRETCH times
  the height's scale;
* thick strokes: about 30% of the 1,024 pixels are ink, for every digit class alike
  (NIST eroded or dilated by pixel count).

``to_digit_features`` reproduces that: find ink (background flattening, Otsu, automatic
polarity), drop specks, crop to the ink, stretch the crop into the 20x32 box (a narrow
one less), set the stroke width so the ink fraction matches load_digits, apply NIST's
pixel-count stroke rule and slant shear, then count ink per 4x4 block.

Only numpy, Pillow and scipy.ndimage are used; no state is kept between calls.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from scipy import ndimage

# Refuse images above this many pixels before decoding them (a phone photo is ~12-50 MP).
# Pillow's own bomb check is global state we do not touch; this limit is stricter and local.
MAX_PIXELS = 60_000_000
WORK_SIDE = 320  # longest side the pipeline works at; 32x32 is the final resolution
BITMAP = 32  # optdigits bitmap side
BOX_WIDTH = 20  # NIST stretches every character's box to 20x32, centred (column 6 of 32)
MAX_STRETCH = 1.15  # a narrow crop ("1") is widened at most this times its height's scale
INK_FRACTION = 0.30  # median ink fraction of the load_digits bitmaps
MIN_CONTRAST = 0.12  # flattened ink-minus-paper range below this means a blank image
AUG_ROTATE, AUG_SHEAR, AUG_STRETCH = 5.0, 0.1, 0.1  # degrees, x per y, fraction (tuned)
AUG_ELASTIC, AUG_SMOOTH = 3.0, 4.0  # elastic warp: largest shift, field smoothing (pixels)
AUG_THRESHOLD = (0.25, 0.75)  # range of density levels a copy's ink is cut at
SUPERSAMPLE = 2  # stroke width is set on a (32*2)^2 grid, then averaged down


class ImageError(ValueError):
    """An image that cannot be read as a digit; the message is "<file name>: <reason>"."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


# --------------------------------------------------------------------------- reading


def load_greyscale(path) -> np.ndarray:
    """Read an image file as a 2-D float array in [0, 1] (0 black, 1 white).

    Accepts anything Pillow decodes: 8- or 16-bit grey, palette, RGB, CMYK; transparency
    is composited on white paper and the EXIF orientation of phone photos is applied.
    A multi-frame file (animated GIF, multi-page TIFF) is refused rather than read by its
    first frame: which frame holds the digit is a guess we would rather not make silently.
    Every failure raises ImageError naming the file: missing, empty, not an image,
    truncated or corrupt, or larger than MAX_PIXELS (a decompression bomb).
    """
    path = Path(path)
    if not path.is_file():
        raise ImageError(path.name, "no such file")
    return _decode(path, path.name, path.stat().st_size)


def decode_greyscale(data: bytes, name: str) -> np.ndarray:
    """``load_greyscale`` for an image held in memory (sent to the drawing page), named
    ``name`` in errors; nothing is written to disk."""
    return _decode(io.BytesIO(data), name, len(data))


def _decode(source, name: str, size: int) -> np.ndarray:
    if size == 0:
        raise ImageError(name, "empty file (0 bytes)")
    try:
        with warnings.catch_warnings():
            # Pillow warns (not raises) between its limit and twice it: make that an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                _check_header(image, name)
                image.load()
                return _to_grey_array(ImageOps.exif_transpose(image))
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        reason = f"image too large, refused as a decompression bomb ({error})"
        raise ImageError(name, reason) from None
    except UnidentifiedImageError:
        raise ImageError(name, "not an image file Pillow can identify") from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as error:
        raise ImageError(name, f"truncated or corrupt image data ({error})") from None


def _check_header(image: Image.Image, name: str) -> None:
    """Refuse before decoding: the header alone gives size and frame count."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageError(
            name,
            f"image too large ({width}x{height} = {width * height:,} pixels, limit "
            f"{MAX_PIXELS:,}); refused as a possible decompression bomb",
        )
    if width < 1 or height < 1:
        raise ImageError(name, f"image has no pixels ({width}x{height})")
    frames = getattr(image, "n_frames", 1)
    if frames > 1:
        raise ImageError(
            name, f"multi-frame image ({frames} frames); save the one digit as a single image"
        )


def _to_grey_array(image: Image.Image) -> np.ndarray:
    """Luminance in [0, 1], whatever the mode; transparent pixels become white paper."""
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        values = np.asarray(image, dtype=np.float64)
        top = 65535.0 if mode != "I" or values.max() > 255 else 255.0
        return np.clip(values / top, 0.0, 1.0)
    if mode == "F":
        values = np.asarray(image, dtype=np.float64)
        top = max(1.0, float(np.nanmax(values))) if values.size else 1.0
        return np.clip(np.nan_to_num(values) / top, 0.0, 1.0)
    if mode in ("P", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "La", "RGBa"):
        image = image.convert("RGBA")
        paper = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(paper, image)
    return np.asarray(image.convert("L"), dtype=np.float64) / 255.0


# --------------------------------------------------------------------------- features


def to_digit_features(grey: np.ndarray, name: str = "image") -> np.ndarray:
    """The (8, 8) float features, 0-16, of the one digit in ``grey`` (2-D, 0 black, 1 white)."""
    grey = _check_grey(grey, name)
    ink = _ink_strength(_shrink(grey))  # 1 = ink, 0 = paper, whatever the polarity
    mask = _ink_mask(ink, name)
    rows, cols = _bounding_box(mask)
    crop = mask[rows, cols].astype(np.float64)
    bitmap = _normalise_bitmap(crop)
    return block_counts(bitmap)


def _check_grey(grey, name: str) -> np.ndarray:
    grey = np.asarray(grey, dtype=np.float64)
    if grey.ndim != 2 or min(grey.shape) < 1:
        raise ImageError(name, f"expected a 2-D greyscale image, got shape {grey.shape}")
    if not np.isfinite(grey).all():
        raise ImageError(name, "image contains NaN or infinite values")
    return grey


def _shrink(grey: np.ndarray) -> np.ndarray:
    """Area-average a large photo down to WORK_SIDE: the output is only 32x32 anyway."""
    height, width = grey.shape
    scale = WORK_SIDE / max(height, width)
    if scale >= 1:
        return grey
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = Image.fromarray(grey.astype(np.float32), mode="F").resize(size, Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float64)


def _ink_strength(grey: np.ndarray) -> np.ndarray:
    """Flatten the background and orient so that ink is high, paper is zero.

    Paper is whatever dominates the image border; if the border is darker than the
    image's middle tone the digit is light on dark and the image is inverted.
    """
    smooth = ndimage.gaussian_filter(grey, sigma=max(0.5, min(grey.shape) / 200))
    border = np.concatenate([smooth[0], smooth[-1], smooth[:, 0], smooth[:, -1]])
    if np.median(border) < np.median(smooth) - 1e-9 or (
        np.median(border) == np.median(smooth) and smooth.mean() < 0.5
    ):
        smooth = 1.0 - smooth
    else:
        smooth = smooth.copy()
    darkness = 1.0 - smooth
    # Uneven lighting: the paper level is the local minimum of darkness over a window
    # wider than any stroke, smoothed; subtracting it leaves ink on a flat zero.
    size = max(3, int(round(max(grey.shape) / 4)))
    paper = ndimage.grey_opening(darkness, size=(size, size))
    paper = ndimage.uniform_filter(paper, size=size)
    return np.clip(darkness - np.minimum(paper, darkness), 0.0, 1.0)


def _ink_mask(ink: np.ndarray, name: str) -> np.ndarray:
    """Otsu threshold of the flattened ink, minus specks far smaller than the digit."""
    contrast = float(np.percentile(ink, 99.5) - np.percentile(ink, 50))
    if contrast < MIN_CONTRAST:
        raise ImageError(name, "no ink found (blank or uniform image)")
    mask = ink > otsu_threshold(ink)
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    if count == 0:
        raise ImageError(name, "no ink found (blank or uniform image)")
    areas = ndimage.sum_labels(mask, labels, index=np.arange(1, count + 1))
    keep = np.flatnonzero(areas >= 0.08 * areas.max()) + 1
    mask = np.isin(labels, keep)
    if mask.mean() > 0.6:
        raise ImageError(name, "no digit found: most of the image is ink-coloured")
    return mask


def otsu_threshold(values: np.ndarray, bins: int = 256) -> float:
    """Otsu's threshold: the level maximising the between-class variance."""
    counts, edges = np.histogram(values, bins=bins, range=(0.0, 1.0))
    centres = (edges[:-1] + edges[1:]) / 2
    weight0 = np.cumsum(counts)
    weight1 = weight0[-1] - weight0
    sum0 = np.cumsum(counts * centres)
    mean0 = sum0 / np.maximum(weight0, 1)
    mean1 = (sum0[-1] - sum0) / np.maximum(weight1, 1)
    between = weight0 * weight1 * (mean0 - mean1) ** 2
    return float(centres[int(np.argmax(between))])


def _bounding_box(mask: np.ndarray) -> tuple[slice, slice]:
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)


def _normalise_bitmap(crop: np.ndarray) -> np.ndarray:
    """NIST's second-generation normalisation of an ink crop into a 32x32 bitmap.

    As in NIST's form-based handprint system (norm_2nd_gen2 + shear_char): the ink's
    bounding box is stretched to 20x32 (aspect ratio not kept) and placed at column 6,
    except that a narrow crop is widened at most MAX_STRETCH times as much as its
    height is scaled, and centred (load_digits "1"s are narrow bars, not 20 wide);
    the stroke is set to a standard width; the character is sheared so that the left
    edges of its top and bottom rows line up. NIST thickened or thinned by one or two
    4-neighbour dilations/erosions chosen by pixel count; our inputs range far wider
    (hairlines to felt pens, any resolution), so the stroke is first set on a 4x finer
    grid to a target ink fraction, then NIST's rule is applied for the final pixel.
    """
    fine_h, fine_w = BITMAP * SUPERSAMPLE, normalised_width(crop.shape) * SUPERSAMPLE
    scaled = Image.fromarray(crop.astype(np.float32), mode="F").resize(
        (fine_w, fine_h), Image.Resampling.BILINEAR
    )
    fine = np.zeros((fine_h, BITMAP * SUPERSAMPLE), dtype=bool)
    left = (BITMAP * SUPERSAMPLE - fine_w) // 2  # column 6 for a full-width crop
    fine[:, left : left + fine_w] = np.asarray(scaled) > 0.5
    fine = _set_ink_fraction(fine, INK_FRACTION)
    coarse = fine.reshape(BITMAP, SUPERSAMPLE, BITMAP, SUPERSAMPLE).mean(axis=(1, 3)) >= 0.5
    return shear_upright(nist_stroke_rule(coarse))


def normalised_width(shape: tuple[int, int]) -> int:
    """Width in bitmap pixels of a (height, width) crop: BOX_WIDTH, or less if narrow."""
    height, width = shape
    return int(np.clip(round(MAX_STRETCH * BITMAP * width / height), 1, BOX_WIDTH))


def _set_ink_fraction(mask: np.ndarray, fraction: float) -> np.ndarray:
    """Grow (dilate) or thin (erode) the strokes until ``fraction`` of pixels are ink."""
    if not mask.any():
        return mask
    outside = ndimage.distance_transform_edt(~mask)
    inside = ndimage.distance_transform_edt(mask)
    signed = np.where(mask, -inside, outside)  # negative deep inside a stroke
    grown = signed <= np.quantile(signed, fraction)
    # Never thin a stroke away entirely: keep its ridge (local maxima of inside distance).
    return grown | (mask & (inside >= ndimage.maximum_filter(inside, size=3)))


_CROSS = ndimage.generate_binary_structure(2, 1)  # 4-neighbourhood, as NIST's morph


def nist_stroke_rule(bitmap: np.ndarray) -> np.ndarray:
    """NIST's pixel-count rule: erode above 412 (twice above 560), dilate below 256
    (twice below 108) ink pixels of the 1,024."""
    count = int(bitmap.sum())
    if count > 412:
        times = 2 if count > 560 else 1
        return ndimage.binary_erosion(bitmap, _CROSS, iterations=times, border_value=0)
    if count < 256:
        times = 2 if count < 108 else 1
        return ndimage.binary_dilation(bitmap, _CROSS, iterations=times)
    return bitmap


def shear_upright(bitmap: np.ndarray) -> np.ndarray:
    """NIST's slant correction: shift rows so the leftmost ink two rows inside the top
    and the bottom of the character line up (rows shift about the middle row)."""
    rows = np.flatnonzero(bitmap.any(axis=1))
    if len(rows) == 0 or rows[-1] - rows[0] + 1 <= 5:
        return bitmap
    top, bottom = rows[0] + 2, rows[-1] - 2
    top_cols, bottom_cols = np.flatnonzero(bitmap[top]), np.flatnonzero(bitmap[bottom])
    if len(top_cols) == 0 or len(bottom_cols) == 0 or top_cols[0] == bottom_cols[0]:
        return bitmap
    factor = (top_cols[0] - bottom_cols[0]) / (bottom - top)
    out = np.zeros_like(bitmap)
    middle = bitmap.shape[0] // 2
    for row in range(bitmap.shape[0]):
        out[row] = _shift(bitmap[row], _round_half_away((row - middle) * factor))
    return out


def _round_half_away(value: float) -> int:
    return int(np.sign(value) * np.floor(abs(value) + 0.5))


def _shift(row: np.ndarray, by: int) -> np.ndarray:
    out = np.zeros_like(row)
    if by >= 0:
        out[by:] = row[: len(row) - by]
    else:
        out[:by] = row[-by:]
    return out


def block_counts(bitmap: np.ndarray) -> np.ndarray:
    """Ink pixels per non-overlapping 4x4 block of a 32x32 bitmap: (8, 8) floats in 0-16."""
    bitmap = np.asarray(bitmap, dtype=np.float64)
    return bitmap.reshape(8, 4, 8, 4).sum(axis=(1, 3))


def naive_features(grey: np.ndarray) -> np.ndarray:
    """Baseline for comparison only: squash the whole image to 8x8 and rescale to 0-16."""
    grey = np.asarray(grey, dtype=np.float64)
    small = Image.fromarray(grey.astype(np.float32), mode="F").resize(
        (8, 8), Image.Resampling.BILINEAR
    )
    darkness = 1.0 - np.asarray(small, dtype=np.float64)
    if np.median(darkness) > 0.5:  # light ink on dark paper
        darkness = 1.0 - darkness
    low, high = darkness.min(), darkness.max()
    if high - low < 1e-9:
        return np.zeros((8, 8))
    return 16.0 * (darkness - low) / (high - low)


def augment_digits(images: np.ndarray, labels: np.ndarray, seed: int, copies: int = 3):
    """Extra training copies of (n, 8, 8) 0-16 digits: rotated, sheared, stretched,
    elastically warped, cut at a random ink level and re-normalised exactly as an input
    image is, so they stay in the canonical form.

    Returns (images, labels) of the copies only, (n * copies, 8, 8) and (n * copies,).
    """
    rng = np.random.default_rng(seed)
    out_images, out_labels = [], []
    for _ in range(copies):
        for image, label in zip(images, labels):
            out_images.append(_distort(np.asarray(image, dtype=np.float64), rng))
            out_labels.append(label)
    return np.array(out_images).reshape(-1, 8, 8), np.array(out_labels)


def _distort(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One random distortion of an 8x8 digit, back through the normalisation."""
    density = Image.fromarray((image / 16).astype(np.float32), mode="F")
    big = np.pad(np.asarray(density.resize((32, 32), Image.Resampling.BILINEAR)), 16)
    coords = _affine_grid(big.shape, rng) + _elastic_field(big.shape, rng)
    warped = ndimage.map_coordinates(big, coords, order=1)
    mask = warped > rng.uniform(*AUG_THRESHOLD)  # also varies the stroke width
    if not mask.any():
        return image
    rows, cols = _bounding_box(mask)
    return block_counts(_normalise_bitmap(mask[rows, cols].astype(np.float64)))


def _affine_grid(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """(2, h, w) input coordinates of a random rotation, shear and stretch about the centre."""
    angle = np.radians(rng.uniform(-AUG_ROTATE, AUG_ROTATE))
    shear = rng.uniform(-AUG_SHEAR, AUG_SHEAR)
    stretch = rng.uniform(1 - AUG_STRETCH, 1 + AUG_STRETCH)
    rotate = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    matrix = rotate @ np.array([[1.0, 0.0], [shear, 1.0 / stretch]])
    centre = np.array(shape, dtype=np.float64)[:, None, None] / 2
    grid = np.indices(shape, dtype=np.float64) - centre
    return np.einsum("ij,jkl->ikl", matrix, grid) + centre


def _elastic_field(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """(2, h, w) smooth random shifts of at most AUG_ELASTIC pixels (Simard et al. 2003)."""
    field = rng.uniform(-1.0, 1.0, size=(2, *shape))
    field = np.stack([ndimage.gaussian_filter(part, AUG_SMOOTH) for part in field])
    return field * (AUG_ELASTIC / max(float(np.abs(field).max()), 1e-12))
