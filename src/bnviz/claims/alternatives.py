"""Claims of the limitations and alternatives chapters (slides 13-14)."""

from __future__ import annotations

import numpy as np

from bnviz.claims import PRECISE_KEY, REDESIGNED, Claim, Verdict, finals, judged
from bnviz.judging import ACCURACY_MARGIN as MARGIN
from bnviz.judging import (
    CONTRADICTED,
    WITHIN_NOISE,
    accuracies,
    outcomes,
    shared_images,
)
from bnviz.results import Result
from bnviz.variants import LABELS

FLAT_MARGIN = 1.0  # percentage points: "the same at every batch size" means within this
SHIFT_CONTRAST = 0.25  # the contrast the test-shift claims read


def _final_val(runs) -> np.ndarray:
    return finals(runs, "val_accuracy")


def bn_best_normalization(result: Result) -> Verdict:
    h = result.payload["histories"]
    return judged(
        [
            accuracies(
                f"BN − {LABELS[norm]}",
                _final_val(h["batch"]),
                _final_val(runs),
                MARGIN,
            )
            for norm, runs in h.items()
            if norm != "batch"
        ],
        "final validation accuracy —",
    )


def every_norm_beats_none(result: Result) -> Verdict:
    h = result.payload["histories"]
    return judged(
        [
            accuracies(
                f"{LABELS[norm]} − none",
                _final_val(runs),
                _final_val(h["none"]),
                MARGIN,
            )
            for norm, runs in h.items()
            if norm != "none"
        ],
        "final validation accuracy —",
    )


def errors_by_batch_size(
    result: Result, key: str = PRECISE_KEY
) -> tuple[list[int], dict[str, np.ndarray]]:
    """Batch sizes and, per normalization, the mean validation error at each (by default with
    BN's statistics re-estimated; `key="val_accuracy"` for Keras' moving averages)."""
    sweep = result.payload["sweep"]
    sizes = [int(b) for b in sweep]
    norms = list(next(iter(sweep.values())))
    errors = {n: np.array([1 - finals(sweep[b][n], key).mean() for b in sweep]) for n in norms}
    return sizes, errors


def errors_row(sizes, errors) -> str:
    return ", ".join(f"{s}: {e:.1%}" for s, e in zip(sizes, errors, strict=True))


def _val(result: Result, size: int, norm: str) -> np.ndarray:
    """Final validation accuracy, BN with re-estimated statistics (the sweep's evaluation)."""
    return finals(result.payload["sweep"][str(size)][norm], PRECISE_KEY)


def bn_worse_at_small_batches(result: Result) -> Verdict:
    sizes = [int(b) for b in result.payload["sweep"]]
    return judged(
        [
            accuracies(
                f"BN's final validation accuracy (re-estimated statistics), batch 32 − batch "
                f"{min(sizes)}",
                _val(result, 32, "batch"),
                _val(result, min(sizes), "batch"),
                MARGIN,
            )
        ]
    )


def _train(result: Result, size: int, norm: str) -> np.ndarray:
    """Per seed, the last epoch's training accuracy (Keras' training-mode average)."""
    return finals(result.payload["sweep"][str(size)][norm], "train_accuracy")


def bn_train_accuracy_flat(result: Result) -> Verdict:
    sizes = [int(b) for b in result.payload["sweep"]]
    small, large = min(sizes), max(sizes)
    return judged(
        [
            accuracies(
                f"BN's last-epoch training accuracy (training mode), batch {large} − batch {small}",
                _train(result, large, "batch"),
                _train(result, small, "batch"),
                FLAT_MARGIN,
                "within",
            )
        ]
    )


def gn_flatter_than_bn(result: Result) -> Verdict:
    """Per seed, how much accuracy each norm loses from the largest batch to the smallest
    (paired: the same seed, split and data order), BN's loss minus Group Norm's."""
    sizes = [int(b) for b in result.payload["sweep"]]
    small, large = min(sizes), max(sizes)

    def lost(norm):
        return _val(result, large, norm) - _val(result, small, norm)

    return judged(
        [
            accuracies(
                f"validation accuracy lost from batch {large} to batch {small}, BN − Group Norm",
                lost("batch"),
                lost("group"),
                MARGIN,
            )
        ]
    )


def _shift_outcomes(result: Result, variant: str, contrast: float) -> np.ndarray:
    """Per-image test outcomes (seeds, images) of `variant` at `contrast`: the same 10,000
    test images for every seed."""
    i = result.spec["contrasts"].index(contrast)
    seeds = len(result.spec["seeds"])
    return np.stack([result.outcomes("test_correct", variant, s)[i] for s in range(seeds)])


def bn_drops_more_than_gn(result: Result) -> Verdict:
    def drop(v):  # per seed and image: right at contrast 1, wrong at the lower contrast
        full = _shift_outcomes(result, v, 1.0).astype(float)
        return full - _shift_outcomes(result, v, SHIFT_CONTRAST)

    return judged(
        [
            shared_images(
                f"test accuracy lost from contrast 1 to {SHIFT_CONTRAST:g}, BN − Group Norm",
                100 * (drop("batch") - drop("group")),
                MARGIN,
            )
        ]
    )


def test_stats_help(result: Result) -> Verdict:
    return judged(
        [
            outcomes(
                f"test accuracy at contrast {SHIFT_CONTRAST:g}, test-batch statistics − moving "
                "averages",
                _shift_outcomes(result, "batch_test_stats", SHIFT_CONTRAST),
                _shift_outcomes(result, "batch", SHIFT_CONTRAST),
                MARGIN,
            )
        ]
    )


CLAIMS = [
    Claim(
        "alternatives-bn-best",
        "Of the six variants, BN ends with the highest validation accuracy, more than "
        f"{MARGIN:g} points above each of the others.",
        "norm_comparison",
        bn_best_normalization,
        expected=WITHIN_NOISE,
        source="folklore",
        judged_under="full",
    ),
    Claim(
        "alternatives-all-beat-none",
        f"Every normalization ends more than {MARGIN:g} points more accurate on the validation "
        "set than no normalization.",
        "norm_comparison",
        every_norm_beats_none,
        expected=WITHIN_NOISE,
        judged_under="full",
    ),
    Claim(
        "batch-bn-small-worse",
        f"BN is more than {MARGIN:g} points less accurate with 2 images per batch than with 32.",
        "batch_size_sweep",
        bn_worse_at_small_batches,
        expected=WITHIN_NOISE,
        source="Wu & He (2018)",
        note=REDESIGNED,
        judged_under="full",
    ),
    Claim(
        "batch-bn-trains-at-every-size",
        "In training mode, BN's accuracy on its training batches is the same (within "
        f"{FLAT_MARGIN:g} point) at every batch size.",
        "batch_size_sweep",
        bn_train_accuracy_flat,
        expected=CONTRADICTED,
        note=REDESIGNED,
    ),
    Claim(
        "batch-gn-flatter",
        f"Group Norm's error changes across batch sizes by more than {MARGIN:g} points less "
        "than BN's.",
        "batch_size_sweep",
        gn_flatter_than_bn,
        source="Wu & He (2018)",
        note=REDESIGNED,
        expected=WITHIN_NOISE,
        judged_under="full",
    ),
    Claim(
        "shift-bn-drops",
        "Under a contrast shift at test time, BN in inference mode loses more than "
        f"{MARGIN:g} points more accuracy than Group Norm.",
        "test_shift",
        bn_drops_more_than_gn,
        expected=WITHIN_NOISE,
        judged_under="full",
    ),
    Claim(
        "shift-test-stats-help",
        "Normalizing with the test batch's own statistics recovers more than "
        f"{MARGIN:g} points of the accuracy BN's moving averages lose under the shift.",
        "test_shift",
        test_stats_help,
        expected=WITHIN_NOISE,
        judged_under="full",
    ),
]
