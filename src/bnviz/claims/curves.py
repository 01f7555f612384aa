"""Claims of the slide-6 chapter (training curves with and without BN)."""

from __future__ import annotations

from bnviz.claims import Claim, Verdict, epochs_to_reach, finals, fmt_epochs, mean_range
from bnviz.results import Result

TARGET_VAL_ACCURACY = 0.95


def bn_reaches_target_sooner(result: Result, target: float = TARGET_VAL_ACCURACY) -> Verdict:
    runs = result.payload["histories"]
    epochs = len(runs["batch"][0]["val_accuracy"])
    reach = {
        v: [epochs_to_reach(h["val_accuracy"], target) for h in runs[v]] for v in ("batch", "none")
    }
    # a run that never reaches the target counts as one epoch past the end
    worst_bn = max(e or epochs + 1 for e in reach["batch"])
    best_plain = min(e or epochs + 1 for e in reach["none"])
    return Verdict(
        worst_bn < best_plain,
        f"epochs to {target:.0%} validation accuracy, per seed: with BN "
        f"{fmt_epochs(reach['batch'], epochs)}; without BN {fmt_epochs(reach['none'], epochs)} "
        f"(of {epochs} epochs).",
    )


def bn_final_val_higher(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn, plain = finals(runs["batch"], "val_accuracy"), finals(runs["none"], "val_accuracy")
    return Verdict(
        bool(bn.min() > plain.max()),
        f"final validation accuracy: with BN {mean_range(bn)}, without BN {mean_range(plain)}.",
    )


CLAIMS = [
    Claim(
        "curves-bn-faster",
        f"With BN, every seed of the small CNN reaches {TARGET_VAL_ACCURACY:.0%} validation "
        "accuracy in fewer epochs than any seed without BN.",
        "training_curves",
        bn_reaches_target_sooner,
    ),
    Claim(
        "curves-bn-final-higher",
        "After the last epoch, every seed with BN has a higher validation accuracy than "
        "every seed without BN.",
        "training_curves",
        bn_final_val_higher,
    ),
]
