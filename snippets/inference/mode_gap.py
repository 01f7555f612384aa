"""Accuracy in training mode vs inference mode,
measured while the network trains."""

from bnviz.experiments import spec_for
from bnviz.experiments.mode_gap import run
from bnviz.figures import COLORS
from bnviz.figures.inference import mode_gap

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("mode_gap")
OUTPUT = "mode_gap.png"


def main():
    result = run(SPEC)  # the ModeGap probe measures both modes at SPEC.at_steps
    first = result["histories"]["batch"][0]  # first seed
    for step, train, infer in zip(
        first["gap_steps"],
        first["train_mode_accuracy"],
        first["inference_mode_accuracy"],
        strict=True,
    ):
        print(
            f"step {step:>5}: training mode {train:.3f}, "
            f"inference mode {infer:.3f}"
        )
    mode_gap(result["histories"]["batch"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
