"""How much time does BN cost, and what do a fused kernel (training) and
folding (inference) give back? Times per training step and inference batch."""

from bnviz.experiments import spec_for
from bnviz.experiments.bn_overhead import run

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("bn_overhead")
KINDS = {"train_step_s": "training step", "inference_s": "inference batch"}


def main():
    result = run(SPEC)  # times model.train_on_batch and model.predict_on_batch
    plain = result["median"]["none"]
    for variant, median in result["median"].items():
        for kind, name in KINDS.items():
            if kind in median:  # a folded network is timed in inference only
                print(
                    f"{variant:>12} {name:>15}: {median[kind] * 1000:6.2f} ms, "
                    f"x{median[kind] / plain[kind]:.2f} of no BN "
                    f"(batch of {SPEC.batch_size})"
                )
    return result


if __name__ == "__main__":
    main()
