"""Values of the inference chapter (inference.md): training mode vs inference mode (mode_gap)
and the fine-tuning pitfall (finetune_pitfall); see `bnviz.values`. Accuracies are per-seed
ranges."""

from __future__ import annotations

import numpy as np

from bnviz.results import Result
from bnviz.values import count, pct, pct_range, runs, table

KERAS_MOMENTUM = 0.99  # keras.layers.BatchNormalization's default, used by every BN model here


# --- training mode vs inference mode (mode_gap) -----------------------------------------------


def _gap_curves(result: Result) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Recorded steps, and per seed × step the training-mode and inference-mode accuracy."""
    batch = runs(result, "batch")
    train = np.array([r["train_mode_accuracy"] for r in batch])
    infer = np.array([r["inference_mode_accuracy"] for r in batch])
    return np.array(batch[0]["gap_steps"]), train, infer


def collapse_window(result: Result) -> tuple[int, int]:
    """First and last index of the collapse: the first run of recorded steps at which the
    seed-mean inference-mode accuracy is below half its best value so far. Without a collapse
    (short runs), the step where it is furthest below training mode, alone."""
    _, train, infer = _gap_curves(result)
    mean = infer.mean(axis=0)
    down = mean < 0.5 * np.maximum.accumulate(mean)
    if not down.any():
        worst = int(np.argmin(mean / train.mean(axis=0)))
        return worst, worst
    start = end = int(np.argmax(down))
    while end + 1 < down.size and down[end + 1]:
        end += 1
    return start, end


def collapse_step(result: Result, which: int) -> str:
    steps = _gap_curves(result)[0]
    return count(steps[collapse_window(result)[which]])


def collapse_low(result: Result) -> str:
    """Per seed, the lowest inference-mode accuracy during the collapse."""
    first, last = collapse_window(result)
    return pct_range(_gap_curves(result)[2][:, first : last + 1].min(axis=1))


def collapse_train(result: Result) -> str:
    """Per seed, the training-mode accuracy at the collapse's last step."""
    return pct_range(_gap_curves(result)[1][:, collapse_window(result)[1]])


def recovery_step(result: Result) -> str:
    """The first recorded step after the collapse."""
    steps = _gap_curves(result)[0]
    after = collapse_window(result)[1] + 1
    return count(steps[after]) if after < steps.size else f"beyond {count(steps[-1])} (not reached)"


def collapse_precise(result: Result) -> str:
    """Per seed, the lowest inference-mode accuracy with re-estimated statistics during the
    collapse (the steps where the moving averages' accuracy collapsed)."""
    first, last = collapse_window(result)
    precise = np.array([r["precise_inference_mode_accuracy"] for r in runs(result, "batch")])
    return pct_range(precise[:, first : last + 1].min(axis=1))


def first_layer_ratio(result: Result, index: int) -> np.ndarray:
    """Per seed, at recorded step `index`: the first BN layer's moving variance ÷ its
    re-estimated variance, median over channels."""
    ratios = []
    for run in runs(result, "batch"):
        stats = next(iter(run["bn_statistics"].values()))
        moving = np.asarray(stats["moving_variance"][index])
        ratios.append(np.median(moving / np.asarray(stats["precise_variance"][index])))
    return np.array(ratios)


def ratio_at(which: str):
    """The first BN layer's variance ratio at the collapse's start, end or the recovery."""

    def render(result: Result) -> str:
        first, last = collapse_window(result)
        index = {"start": first, "end": last, "recovery": last + 1}[which]
        steps = _gap_curves(result)[0]
        index = min(index, len(steps) - 1)
        ratio = first_layer_ratio(result, index)
        return f"{ratio.min():.1f}–{ratio.max():.1f}× (step {count(steps[index])})"

    return render


def first_bn_variances(result: Result) -> np.ndarray:
    """Over seeds and measured steps, the first BN layer's re-estimated input variance, median
    over channels."""
    return np.array(
        [
            np.median(np.asarray(v))
            for run in runs(result, "batch")
            for v in next(iter(run["bn_statistics"].values()))["precise_variance"]
        ]
    )


def first_bn_variance(result: Result) -> str:
    medians = first_bn_variances(result)
    return f"{medians.min():.3f} to {medians.max():.3f}"


def start_excess(result: Result) -> str:
    """How many times the moving variance's starting value (1) exceeds the real variance."""
    medians = first_bn_variances(result)
    return f"{1 / medians.max():.0f} to {1 / medians.min():.0f} times"


def forget_steps(result: Result) -> str:
    """Steps until the starting value's weight (momentum ** steps) falls to the real variance:
    only then does the start stop dominating the moving variance."""
    steps = np.log(first_bn_variances(result)) / np.log(KERAS_MOMENTUM)
    return f"{count(steps.min())} to {count(steps.max())}"


def first_bn_layer(result: Result) -> str:
    return next(iter(runs(result, "batch")[0]["bn_statistics"]))


# --- the fine-tuning pitfall (finetune_pitfall) -----------------------------------------------


def finetune_steps(result: Result) -> int:
    """Optimizer steps of the fine-tuning run (on the inverted digits)."""
    ft = result.spec["finetune"]
    return (result.data["n_train"] // ft["batch_size"]) * ft["epochs"]


def upright_share(result: Result) -> str:
    """Weight the moving averages still give to their values before fine-tuning."""
    return pct(KERAS_MOMENTUM ** finetune_steps(result), 1)


def finetune_val(result: Result, setting: str, key: str = "val_accuracy", epoch: int = -1):
    return pct_range([h[key][epoch] for h in runs(result, setting)])


MODE_GAP = table(
    "mode_gap",
    (
        "gap-collapse-start",
        lambda r: collapse_step(r, 0),
        "first recorded step at which inference-mode accuracy (seed mean) is below half its best "
        "so far",
    ),
    ("gap-collapse-end", lambda r: collapse_step(r, 1), "last recorded step of that collapse"),
    (
        "gap-collapse-low",
        collapse_low,
        "lowest inference-mode accuracy during the collapse, per seed",
    ),
    (
        "gap-collapse-train",
        collapse_train,
        "training-mode accuracy at the collapse's last step, per seed",
    ),
    ("gap-recovery-step", recovery_step, "first recorded step after the collapse"),
    (
        "gap-collapse-precise",
        collapse_precise,
        "lowest inference-mode accuracy with re-estimated statistics during the collapse",
    ),
    ("gap-first-bn", first_bn_layer, "name of the first BN layer", True),
    (
        "gap-first-bn-variance",
        first_bn_variance,
        "first BN layer's re-estimated input variance (median over channels), over steps and seeds",
    ),
    (
        "gap-start-excess",
        start_excess,
        "the moving variance's starting value 1 ÷ the first BN layer's input variance",
    ),
    (
        "gap-forget-steps",
        forget_steps,
        f"steps until the starting value's weight ({KERAS_MOMENTUM} to the power of the steps) "
        "falls to the first BN layer's input variance",
    ),
    (
        "gap-ratio-start",
        ratio_at("start"),
        "first BN layer's moving ÷ re-estimated variance at the collapse's first step, per seed",
    ),
    (
        "gap-ratio-end",
        ratio_at("end"),
        "first BN layer's moving ÷ re-estimated variance at the collapse's last step, per seed",
    ),
    (
        "gap-ratio-recovery",
        ratio_at("recovery"),
        "first BN layer's moving ÷ re-estimated variance at the first step after the collapse",
    ),
)

FINETUNE = table(
    "finetune_pitfall",
    (
        "finetune-frozen-val",
        lambda r: finetune_val(r, "bn_frozen"),
        "validation accuracy on inverted digits after fine-tuning with BN frozen, per seed",
    ),
    (
        "finetune-trainable-val",
        lambda r: finetune_val(r, "bn_trainable"),
        "validation accuracy on inverted digits after fine-tuning with BN trainable, per seed",
    ),
    (
        "finetune-epochs",
        lambda r: str(r.spec["finetune"]["epochs"]),
        "epochs of fine-tuning on the inverted digits",
    ),
    (
        "finetune-first-frozen",
        lambda r: finetune_val(r, "bn_frozen", epoch=0),
        "validation accuracy after the first fine-tuning epoch, BN frozen, per seed",
    ),
    (
        "finetune-first-trainable",
        lambda r: finetune_val(r, "bn_trainable", epoch=0),
        "validation accuracy after the first fine-tuning epoch, BN trainable (moving averages)",
    ),
    (
        "finetune-first-trainable-precise",
        lambda r: finetune_val(r, "bn_trainable", "val_accuracy_precise", 0),
        "the same, BN trainable, with re-estimated statistics, per seed",
    ),
    (
        "finetune-frozen-precise",
        lambda r: finetune_val(r, "bn_frozen", "val_accuracy_precise"),
        "final validation accuracy, BN frozen, evaluated with re-estimated statistics (AdaBN)",
    ),
    (
        "finetune-trainable-precise",
        lambda r: finetune_val(r, "bn_trainable", "val_accuracy_precise"),
        "final validation accuracy, BN trainable, with re-estimated statistics, per seed",
    ),
    (
        "finetune-unadapted",
        lambda r: pct_range(r.payload["before_finetuning"]["as_is"]),
        "accuracy on inverted digits of the upright-trained network, before any fine-tuning",
    ),
    (
        "finetune-adabn",
        lambda r: pct_range(r.payload["before_finetuning"]["adabn"]),
        "the same network with BN statistics re-estimated on inverted digits, no training (AdaBN)",
    ),
    (
        "finetune-steps",
        lambda r: count(finetune_steps(r)),
        "optimizer steps of the fine-tuning run",
    ),
    (
        "finetune-upright-share",
        upright_share,
        "weight the moving averages still give the upright digits after fine-tuning "
        f"(momentum {KERAS_MOMENTUM} to the power of the steps)",
    ),
)

VALUES = [*MODE_GAP, *FINETUNE]
