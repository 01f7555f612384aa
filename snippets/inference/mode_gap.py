"""Accuracy in training mode vs inference mode, measured while the network trains."""

from bnviz.experiments import spec_for
from bnviz.figures import COLORS
from bnviz.figures.inference import mode_gap
from bnviz.nn.cnns import two_block_cnn
from bnviz.probes import ModeGap
from bnviz.train import train_seeds

SPEC = spec_for("mode_gap")  # quick profile unless $BNVIZ_PROFILE says otherwise
OUTPUT = "mode_gap.png"


def main():
    data = SPEC.data_by_seed()  # each seed trains and validates on its own split

    def probes(model, seed_data):
        images = seed_data.x_val[: SPEC.probe_size]  # validation images of this seed's split
        labels = seed_data.y_val[: SPEC.probe_size]
        return [ModeGap(images, labels, SPEC.at_steps)]  # both modes at these steps

    runs = train_seeds(
        lambda seed: two_block_cnn("batch", seed), data, SPEC.train, SPEC.seeds, probes=probes
    )
    for step, train, infer in zip(
        runs[0]["gap_steps"],
        runs[0]["train_mode_accuracy"],
        runs[0]["inference_mode_accuracy"],
        strict=True,
    ):
        print(f"step {step:>5}: training mode {train:.3f}, inference mode {infer:.3f}")
    mode_gap(runs, COLORS).savefig(OUTPUT)
    return runs


if __name__ == "__main__":
    main()
