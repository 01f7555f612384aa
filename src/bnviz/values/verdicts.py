"""Values that quote a claim's measured difference (mean, per-seed range, interval half-width),
for prose that discusses a verdict next to its box; see `bnviz.values`."""

from __future__ import annotations

from bnviz.values import Value, claim_difference, count


def _difference(name: str, claim_id: str, experiment: str, what: str, part: int = 0) -> Value:
    return Value(name, experiment, claim_difference(claim_id, part), what)


VALUES: list[Value] = [
    _difference(
        "gap-early-difference",
        "mode-gap-early",
        "mode_gap",
        "accuracy at step 10, training mode − inference mode, per seed",
    ),
    _difference(
        "gap-late-difference",
        "mode-gap-late",
        "mode_gap",
        "accuracy at the last step, training mode − inference mode, per seed",
    ),
    _difference(
        "style-loss-difference",
        "style-in-lower-loss",
        "style_transfer",
        "style loss over the last 5 records, (BN − Instance Norm) ÷ BN, per seed",
    ),
    Value(
        "norms-epochs",
        "norm_comparison",
        lambda r: str(r.spec["train"]["epochs"]),
        "epochs of each normalization run",
    ),
    Value(
        "norms-n-train",
        "norm_comparison",
        lambda r: count(r.data["n_train"]),
        "training images of each normalization run",
    ),
    Value(
        "norms-seeds",
        "norm_comparison",
        lambda r: str(len(r.spec["seeds"])),
        "seeds of the normalization comparison",
    ),
    Value(
        "shift-seeds",
        "test_shift",
        lambda r: str(len(r.spec["seeds"])),
        "seeds of the test-shift experiment",
    ),
    Value(
        "ioffe-n-test",
        "ioffe_fig1",
        lambda r: count(r.data["n_test"]),
        "test digits each Ioffe run is evaluated on",
        setting=True,
    ),
    Value(
        "gap-probe-size",
        "mode_gap",
        lambda r: count(r.spec["probe_size"]),
        "validation images both modes are measured on",
        setting=True,
    ),
]
