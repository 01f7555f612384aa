"""The fine-tuning pitfall: in Keras 3, trainable=False puts a BN layer in
inference mode. Run the experiment above: pre-train on upright digits,
fine-tune on inverted ones with BN frozen or trainable, and compare."""

from bnviz.experiments import spec_for
from bnviz.experiments.finetune_pitfall import run
from bnviz.figures import COLORS
from bnviz.figures.inference import finetune

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("finetune_pitfall")
OUTPUT = "finetune_pitfall.png"


def main():
    result = run(SPEC)
    for setting, runs in result["histories"].items():
        moving = [f"{r['val_accuracy'][-1]:.3f}" for r in runs]
        precise = [f"{r['val_accuracy_precise'][-1]:.3f}" for r in runs]
        print(
            f"{setting:>12}: validation accuracy after fine-tuning, per seed "
            f"{moving} (moving averages), {precise} (re-estimated)"
        )
    finetune(result["histories"], COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
