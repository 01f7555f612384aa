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
    # probes measure both modes, and re-estimated statistics, at SPEC.at_steps
    result = run(SPEC)
    first = result["histories"]["batch"][0]  # first seed
    for step, train, infer, precise in zip(
        first["gap_steps"],
        first["train_mode_accuracy"],
        first["inference_mode_accuracy"],
        first["precise_inference_mode_accuracy"],
        strict=True,
    ):
        print(
            f"step {step:>5}: training mode {train:.3f}, inference mode "
            f"{infer:.3f} (re-estimated statistics {precise:.3f})"
        )
    mode_gap(result["histories"]["batch"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
