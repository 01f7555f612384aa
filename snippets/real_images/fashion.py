"""The talk's three-block CNN with and without BN on Fashion-MNIST, the
offline stand-in for cats vs dogs: learning curves, test accuracy, and the
first block's feature maps."""

from bnviz.experiments import spec_for
from bnviz.experiments.fashion_cnn import run
from bnviz.figures import COLORS, training_curves
from bnviz.figures.images import feature_maps, generalization

import numpy as np

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("fashion_cnn")
CURVES, MAPS = "fashion_curves.png", "feature_maps.png"


def main():
    # trains three_block_cnn("none" | "batch", seed) on every seed, evaluates
    # on the test set, and records the first block's feature maps of one test
    # image
    result = run(SPEC)
    for variant, runs in result["histories"].items():
        test = np.array([r["test_accuracy"][-1] for r in runs])
        spread = f"seeds {test.min():.3f}-{test.max():.3f}"
        print(f"{variant:>5}: test accuracy {test.mean():.3f} ({spread})")
    training_curves(result["histories"], COLORS).savefig(CURVES)
    feature_maps(result["arrays"], COLORS).savefig(MAPS)
    generalization(result["histories"], COLORS).savefig("generalization.png")
    return result


if __name__ == "__main__":
    main()
