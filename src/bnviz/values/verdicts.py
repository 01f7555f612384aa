"""Values that quote a claim's measured difference (mean, per-seed range, interval half-width),
for prose that discusses a verdict next to its box, and the sizes of runs such prose quotes; see
`bnviz.values`."""

from __future__ import annotations

from bnviz.values import Value, data_count, difference, epoch_count, seed_count, spec_count

VALUES: list[Value] = [
    difference(
        "finetune-precise-difference",
        "finetune-trainable-better-precise",
        "finetune_pitfall",
        "validation accuracy after fine-tuning, both re-estimated, BN trainable − frozen",
    ),
    difference(
        "gap-early-difference",
        "mode-gap-early",
        "mode_gap",
        "accuracy at step 10, training mode − inference mode, per seed",
    ),
    difference(
        "gap-late-difference",
        "mode-gap-late",
        "mode_gap",
        "accuracy at the last step, training mode − inference mode, per seed",
    ),
    difference(
        "gap-precise-difference",
        "mode-gap-precise-closes",
        "mode_gap",
        "inference-mode accuracy at step 100, re-estimated statistics − moving averages",
    ),
    difference(
        "style-loss-difference",
        "style-in-lower-loss",
        "style_transfer",
        "style loss over the last 5 records, (BN − Instance Norm) ÷ BN, per seed",
    ),
    Value("norms-epochs", "norm_comparison", epoch_count, "epochs of each normalization run"),
    Value(
        "norms-n-train",
        "norm_comparison",
        data_count("n_train"),
        "training images of each normalization run",
    ),
    Value("norms-seeds", "norm_comparison", seed_count, "seeds of the normalization comparison"),
    Value("shift-seeds", "test_shift", seed_count, "seeds of the test-shift experiment"),
    Value(
        "ioffe-n-test",
        "ioffe_fig1",
        data_count("n_test"),
        "test digits each Ioffe run is evaluated on",
        setting=True,
    ),
    Value(
        "gap-probe-size",
        "mode_gap",
        spec_count("probe_size"),
        "validation images both modes are measured on",
        setting=True,
    ),
]
