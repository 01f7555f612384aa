"""BN depends on statistics of its training data:
test images with lower contrast."""

from bnviz.experiments import spec_for
from bnviz.experiments.test_shift import run
from bnviz.figures import COLORS
from bnviz.figures.alternatives import test_shift

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("test_shift")
OUTPUT = "test_shift.png"


def main():
    # trains the two-block CNN with BN and with Group Norm (the code above),
    # then tests each on shifted test images
    result = run(SPEC)
    for variant, runs in result["test_accuracy"].items():
        means = [
            sum(r[i] for r in runs) / len(runs)
            for i in range(len(SPEC.contrasts))
        ]
        cells = ", ".join(
            f"contrast {c:g}: {a:.3f}"
            for c, a in zip(SPEC.contrasts, means, strict=True)
        )
        print(f"{variant:>16}: {cells}")
    test_shift(result["test_accuracy"], SPEC.contrasts, COLORS).savefig(OUTPUT)
    return result


if __name__ == "__main__":
    main()
