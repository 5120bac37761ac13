# Config checks and the study's splits and batches. Only light imports here: every
# invocation and every cluster job parses this file.
import sys

from snakemake.utils import validate

sys.path.insert(0, f"{workflow.basedir}/scripts")
from digits_hypothesis import analyses, models, study  # noqa: E402

config = study.retype_overrides(config)
try:
    validate(config, "../config/schema.yaml")
    CASES = study.normalise_cases(config["cases"])
    study.check_cases(CASES)
    models.check_model_spec(config["model"], "model")
    analyses.check(config, CASES)
except (WorkflowError, ValueError) as error:
    raise WorkflowError(study.explain_config_error(error)) from None

SPLITS = study.all_splits(CASES)
BATCHES = study.batches(SPLITS, config["batch_size"])
CLAIM = study.claim_text(config["model"], config["hypothesis"]["threshold"])
OWN_IMAGES = config["own_images"].rstrip("/")
OWN_IMAGE_FILES = study.list_images(OWN_IMAGES)


def lib(*names):
    """Shared modules that a step imports, as inputs, so that editing one re-runs the step."""
    return [f"scripts/digits_hypothesis/{name}.py" for name in names]
