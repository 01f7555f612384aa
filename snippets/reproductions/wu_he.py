"""Wu & He (2018), Fig. 1, beside our batch-size sweep (the experiment of the
limitations chapter): runs the sweep, then prints and draws both side by
side."""

from bnviz.experiments import spec_for
from bnviz.experiments.batch_size_sweep import run
from bnviz.figures import COLORS
from bnviz.figures.wu_he import wu_he_fig1
from bnviz.literature import WU_HE_FIG1

import numpy as np

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("batch_size_sweep")
OUTPUT = "wu_he_fig1.png"


def main():
    sweep = run(SPEC)["sweep"]
    print(
        "images per batch | paper BN | paper GN | our BN | our GN   (error, %)"
    )
    for i, size in enumerate(WU_HE_FIG1["batch_sizes"]):
        if str(size) not in sweep:
            continue  # the smoke profile sweeps fewer sizes
        ours = {
            norm: 100
            * np.mean(
                # BN with re-estimated statistics (for GN the two agree)
                [
                    1 - r["val_accuracy_precise"][-1]
                    for r in sweep[str(size)][norm]
                ]
            )
            for norm in ("batch", "group")
        }
        print(
            f"{size:>16} | {WU_HE_FIG1['batch'][i]:>8} | "
            f"{WU_HE_FIG1['group'][i]:>8} | "
            f"{ours['batch']:>6.1f} | {ours['group']:>6.1f}"
        )
    wu_he_fig1(WU_HE_FIG1, sweep, COLORS).savefig(OUTPUT)
    return sweep


if __name__ == "__main__":
    main()
