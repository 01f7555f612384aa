"""Wu & He (2018), Fig. 1, beside our batch-size sweep: reads the committed result of
chapter 13 (`bnviz run batch_size_sweep` makes it) instead of training again."""

import numpy as np

from bnviz.figures import COLORS
from bnviz.figures.reproductions import wu_he_fig1
from bnviz.papers import WU_HE_FIG1
from bnviz.site import load_for_site

OUTPUT = "wu_he_fig1.png"


def main():
    result = load_for_site("batch_size_sweep")  # full profile if it was run, else quick
    sweep = result.payload["sweep"]
    print("images per batch | paper BN | paper GN | our BN | our GN   (error, %)")
    for i, size in enumerate(WU_HE_FIG1["batch_sizes"]):
        ours = {
            norm: 100 * np.mean([1 - run["val_accuracy"][-1] for run in sweep[str(size)][norm]])
            for norm in ("batch", "group")
        }
        print(
            f"{size:>16} | {WU_HE_FIG1['batch'][i]:>8} | {WU_HE_FIG1['group'][i]:>8} | "
            f"{ours['batch']:>6.1f} | {ours['group']:>6.1f}"
        )
    wu_he_fig1(WU_HE_FIG1, sweep, COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
