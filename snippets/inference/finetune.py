"""The fine-tuning pitfall: in Keras 3, trainable=False puts a BN layer in
inference mode. Run the experiment above: pre-train on upright digits,
fine-tune on inverted ones with BN frozen or trainable, and compare."""

from bnviz.analysis import final_values
from bnviz.experiments import spec_for
from bnviz.experiments.finetune_pitfall import run
from bnviz.figures import COLORS
from bnviz.figures.inference import finetune

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("finetune_pitfall")
OUTPUT = "finetune_pitfall.png"


def main():
    result = run(SPEC)
    # after fine-tuning, BN evaluated with its moving averages and re-estimated
    for key in ("val_accuracy", "val_accuracy_precise"):
        print(final_values(result["histories"], key))
    finetune(result["histories"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
