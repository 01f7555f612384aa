"""How much time does BN cost?
Training step and inference batch, with and without BN."""

from bnviz.experiments import spec_for
from bnviz.experiments.bn_overhead import run

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("bn_overhead")


def main():
    result = run(SPEC)  # times model.train_on_batch and model.predict_on_batch
    for variant, median in result["median"].items():
        print(
            f"{variant:>5}: {median['train_step_s'] * 1000:.2f} ms "
            "per training step, "
            f"{median['inference_s'] * 1000:.2f} ms per inference batch "
            f"of {SPEC.batch_size}"
        )
    plain, bn = result["median"]["none"], result["median"]["batch"]
    print(
        f"BN costs x{bn['train_step_s'] / plain['train_step_s']:.2f} "
        "in training, "
        f"x{bn['inference_s'] / plain['inference_s']:.2f} in inference"
    )
    return result


if __name__ == "__main__":
    main()
