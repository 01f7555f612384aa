"""Record the distribution of one hidden layer's input while a CNN trains, with and without BN."""

from bnviz.experiments import spec_for
from bnviz.figures import COLORS
from bnviz.figures.activations import activation_shift
from bnviz.nn.cnns import two_block_cnn
from bnviz.probes import ActivationPercentiles
from bnviz.train import train_variants

SPEC = spec_for("activation_shift")  # quick profile unless $BNVIZ_PROFILE says otherwise
OUTPUT = "activation_shift.png"


def main():
    data = SPEC.data_by_seed()  # each seed trains on its own split

    def probes(model, seed_data):
        # percentiles of the input of layer "relu2" every SPEC.every steps, in training mode,
        # over the same validation images at every measurement
        probe_images = seed_data.x_val[: SPEC.probe_size]
        return [ActivationPercentiles(model, SPEC.layer, probe_images, SPEC.every)]

    histories = train_variants(
        two_block_cnn, ("none", "batch"), data, SPEC.train, SPEC.seeds, probes
    )
    for variant, runs in histories.items():
        first, last = runs[0]["percentiles"][0], runs[0]["percentiles"][-1]
        print(
            f"{variant:>5}: 5th-95th percentile {first[0]:.2f}..{first[-1]:.2f} at the start, "
            f"{last[0]:.2f}..{last[-1]:.2f} at the end"
        )
    activation_shift(histories, COLORS).savefig(OUTPUT)
    return histories


if __name__ == "__main__":
    main()
