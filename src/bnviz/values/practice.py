"""Values (measured numbers in prose) of the practice chapters; see `bnviz.values`.

Inference, real images, style transfer and limitations. Accuracies are per-seed ranges unless a
value says "mean"; a difference of accuracies is in percentage points.
"""

from __future__ import annotations

import numpy as np

from bnviz.claims import finals
from bnviz.claims.alternatives import SHIFT_CONTRAST
from bnviz.results import Result
from bnviz.values import Value, count, num_range, pct, pct_range, steps_per_run

KERAS_MOMENTUM = 0.99  # keras.layers.BatchNormalization's default, used by every BN model here
SMALL_CHANNEL = 0.1  # a channel's std below this fraction of its network's median: "very small"
LAST_RECORDS = 5  # style losses are averaged over the last records, as in the style claim


def points(x: float) -> str:
    """A signed difference of fractions in percentage points: 0.0031 -> '+0.3 points'."""
    return f"{100 * x:+.1f} points".replace("-", "−")


def span(x: float) -> str:
    """An unsigned difference of fractions in percentage points: 0.387 -> '38.7 points'."""
    return f"{100 * x:.1f} points"


def seeds(result: Result) -> str:
    n = len(result.spec["seeds"])
    return f"{n} seed" + ("" if n == 1 else "s")


def epochs(n: int) -> str:
    return f"{n} epoch" + ("" if n == 1 else "s")


# --- inference: training mode vs inference mode (mode_gap) ------------------------------------


def _gap_curves(result: Result) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Recorded steps, and per seed × step the training-mode and inference-mode accuracy."""
    runs = result.payload["histories"]["batch"]
    train = np.array([r["train_mode_accuracy"] for r in runs])
    infer = np.array([r["inference_mode_accuracy"] for r in runs])
    return np.array(runs[0]["gap_steps"]), train, infer


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


# --- inference: the fine-tuning pitfall (finetune_pitfall) -------------------------------------


def finetune_steps(result: Result) -> int:
    """Optimizer steps of the fine-tuning run (on the inverted digits)."""
    ft = result.spec["finetune"]
    return (result.data["n_train"] // ft["batch_size"]) * ft["epochs"]


def upright_share(result: Result) -> str:
    """Weight the moving averages still give to their values before fine-tuning."""
    return pct(KERAS_MOMENTUM ** finetune_steps(result), 0)


def finetune_val(result: Result, setting: str) -> str:
    return pct_range(finals(result.payload["histories"][setting], "val_accuracy"))


# --- real images: Fashion-MNIST with and without BN (fashion_cnn) ------------------------------


def _runs(result: Result, variant: str) -> list[dict]:
    return result.payload["histories"][variant]


def epoch1_val_both(result: Result) -> str:
    """Per seed and variant, the validation accuracy after the first epoch."""
    return pct_range([h["val_accuracy"][0] for v in ("batch", "none") for h in _runs(result, v)])


def epoch1_val_lead(result: Result) -> str:
    """Mean over seeds of BN's validation accuracy after epoch 1 minus that without BN."""
    bn, plain = ([h["val_accuracy"][0] for h in _runs(result, v)] for v in ("batch", "none"))
    return points(np.mean(bn) - np.mean(plain))


def epoch1_loss(result: Result, variant: str) -> str:
    return num_range([h["train_loss"][0] for h in _runs(result, variant)], 3)


def std_ratio(result: Result) -> str:
    """Per seed, the median channel's std with BN over the median channel's std without."""
    a = result.arrays
    ratios = np.median(a["batch_channel_std"], axis=1) / np.median(a["none_channel_std"], axis=1)
    digits = 0 if ratios.min() >= 10 else 1
    low, high = (f"{x:.{digits}f}" for x in (ratios.min(), ratios.max()))
    return (low if low == high else f"{low}–{high}") + " times"


def small_channels(result: Result) -> str:
    """With BN: channels whose std is below SMALL_CHANNEL × the median channel's, by seed."""
    stds = result.arrays["batch_channel_std"]
    per_seed = (stds < SMALL_CHANNEL * np.median(stds, axis=1, keepdims=True)).sum(axis=1)
    hit = per_seed[per_seed > 0]
    if not hit.size:
        return f"no channel on any of the {len(per_seed)} seeds"
    n = f"{hit.min()}" if hit.min() == hit.max() else f"{hit.min()}–{hit.max()}"
    channels = f"{n} channel" + ("" if hit.max() == 1 else "s")
    return f"{channels} on {hit.size} of {len(per_seed)} seed" + ("" if len(per_seed) == 1 else "s")


def accuracy_on_test(result: Result, variant: str) -> str:
    return pct_range(finals(_runs(result, variant), "test_accuracy"))


def train_test_gap(result: Result, variant: str) -> str:
    """Mean over seeds of last-epoch training accuracy minus test accuracy."""
    runs = _runs(result, variant)
    return points(np.mean(finals(runs, "train_accuracy") - finals(runs, "test_accuracy")))


# --- style transfer (style_transfer) -----------------------------------------------------------


def _loss(result: Result, variant: str, key: str) -> np.ndarray:
    """Per seed × record, one loss of one variant."""
    return np.array([r[key] for r in result.payload["histories"][variant]])


def final_style_loss(result: Result, variant: str) -> str:
    """Per seed, the style loss averaged over the last records."""
    return num_range(_loss(result, variant, "style_loss")[:, -LAST_RECORDS:].mean(axis=1), 3)


def content_lower_share(result: Result) -> str:
    """Records at which Instance Norm's seed-mean content loss is below BN's."""
    inorm, bn = (_loss(result, v, "content_loss").mean(axis=0) for v in ("instance", "batch"))
    return f"{int((inorm < bn).sum())} of the {bn.size}"


# --- limitations: batch size (batch_size_sweep) ------------------------------------------------


def _sizes(result: Result) -> list[int]:
    return sorted(int(b) for b in result.payload["sweep"])


def mean_error(result: Result, size: int, norm: str) -> float:
    return 1 - finals(result.payload["sweep"][str(size)][norm], "val_accuracy").mean()


def error_at(result: Result, norm: str, largest: bool) -> str:
    sizes = _sizes(result)
    return pct(mean_error(result, sizes[-1] if largest else sizes[0], norm))


def bn_error_span(result: Result) -> str:
    """Largest minus smallest of BN's mean validation error over the batch sizes."""
    return span(np.ptp([mean_error(result, s, "batch") for s in _sizes(result)]))


def bn_train_range(result: Result) -> str:
    """BN's seed-mean last-epoch training accuracy (training mode), lowest–highest batch size."""
    sweep = result.payload["sweep"]
    train = [finals(sweep[str(s)]["batch"], "train_accuracy").mean() for s in _sizes(result)]
    return pct_range(train)


def sweep_steps(result: Result, largest: bool) -> str:
    sizes = _sizes(result)
    return count(steps_per_run(result, batch_size=sizes[-1] if largest else sizes[0]))


# --- limitations: overhead (bn_overhead) and test-time shift (test_shift) ----------------------


def slowdown(result: Result, key: str) -> str:
    """Median time with BN ÷ median time without − 1 (the medians over repeats the figure shows)."""
    median = result.payload["median"]
    return pct(median["batch"][key] / median["none"][key] - 1, 0)


def shift_drop(result: Result, variant: str) -> str:
    """Per seed, the test accuracy lost from contrast 1 to SHIFT_CONTRAST, in points."""
    contrasts = result.spec["contrasts"]
    acc = np.array(result.payload["test_accuracy"][variant])
    drop = 100 * (acc[:, contrasts.index(1.0)] - acc[:, contrasts.index(SHIFT_CONTRAST)])
    return num_range(drop, 1) + " points"


VALUES: list[Value] = [
    # inference.md
    Value(
        "gap-collapse-start",
        "mode_gap",
        lambda r: collapse_step(r, 0),
        "first recorded step at which inference-mode accuracy (seed mean) is below half its best "
        "so far",
    ),
    Value(
        "gap-collapse-end",
        "mode_gap",
        lambda r: collapse_step(r, 1),
        "last recorded step of that collapse",
    ),
    Value(
        "gap-collapse-low",
        "mode_gap",
        collapse_low,
        "lowest inference-mode accuracy during the collapse, per seed",
    ),
    Value(
        "gap-collapse-train",
        "mode_gap",
        collapse_train,
        "training-mode accuracy at the collapse's last step, per seed",
    ),
    Value(
        "gap-recovery-step",
        "mode_gap",
        recovery_step,
        "first recorded step after the collapse",
    ),
    Value(
        "finetune-frozen-val",
        "finetune_pitfall",
        lambda r: finetune_val(r, "bn_frozen"),
        "validation accuracy on inverted digits after fine-tuning with BN frozen, per seed",
    ),
    Value(
        "finetune-trainable-val",
        "finetune_pitfall",
        lambda r: finetune_val(r, "bn_trainable"),
        "validation accuracy on inverted digits after fine-tuning with BN trainable, per seed",
    ),
    Value(
        "finetune-steps",
        "finetune_pitfall",
        lambda r: count(finetune_steps(r)),
        "optimizer steps of the fine-tuning run",
    ),
    Value(
        "finetune-upright-share",
        "finetune_pitfall",
        upright_share,
        "weight the moving averages still give the upright digits after fine-tuning "
        f"(momentum {KERAS_MOMENTUM} to the power of the steps)",
    ),
    # real-images.md
    Value("fashion-seeds", "fashion_cnn", seeds, "seeds of each variant"),
    Value(
        "fashion-n-train",
        "fashion_cnn",
        lambda r: count(r.data["n_train"]),
        "training images",
    ),
    Value(
        "fashion-epochs",
        "fashion_cnn",
        lambda r: epochs(r.spec["train"]["epochs"]),
        "training epochs",
    ),
    Value(
        "fashion-epoch1-val",
        "fashion_cnn",
        epoch1_val_both,
        "validation accuracy after the first epoch, per seed, both variants",
    ),
    Value(
        "fashion-epoch1-lead",
        "fashion_cnn",
        epoch1_val_lead,
        "validation accuracy after the first epoch, with BN − without, mean over seeds",
    ),
    Value(
        "fashion-epoch1-loss-bn",
        "fashion_cnn",
        lambda r: epoch1_loss(r, "batch"),
        "training loss of the first epoch with BN, per seed",
    ),
    Value(
        "fashion-epoch1-loss-none",
        "fashion_cnn",
        lambda r: epoch1_loss(r, "none"),
        "training loss of the first epoch without BN, per seed",
    ),
    Value(
        "fashion-std-ratio",
        "fashion_cnn",
        std_ratio,
        "median first-block channel std with BN ÷ without, per seed",
    ),
    Value(
        "fashion-small-channels",
        "fashion_cnn",
        small_channels,
        f"first-block channels with BN whose std is below {SMALL_CHANNEL:g} × the median channel's",
    ),
    Value(
        "fashion-test-bn",
        "fashion_cnn",
        lambda r: accuracy_on_test(r, "batch"),
        "test accuracy with BN, per seed",
    ),
    Value(
        "fashion-test-none",
        "fashion_cnn",
        lambda r: accuracy_on_test(r, "none"),
        "test accuracy without BN, per seed",
    ),
    Value(
        "fashion-gap-bn",
        "fashion_cnn",
        lambda r: train_test_gap(r, "batch"),
        "last-epoch training − test accuracy with BN, mean over seeds",
    ),
    Value(
        "fashion-gap-none",
        "fashion_cnn",
        lambda r: train_test_gap(r, "none"),
        "last-epoch training − test accuracy without BN, mean over seeds",
    ),
    # style-transfer.md
    Value(
        "style-steps",
        "style_transfer",
        lambda r: count(r.spec["steps"]),
        "training steps of each stylization network",
    ),
    Value(
        "style-loss-instance",
        "style_transfer",
        lambda r: final_style_loss(r, "instance"),
        f"style loss with Instance Norm, mean of the last {LAST_RECORDS} records, per seed",
    ),
    Value(
        "style-loss-bn",
        "style_transfer",
        lambda r: final_style_loss(r, "batch"),
        f"style loss with BN, mean of the last {LAST_RECORDS} records, per seed",
    ),
    Value(
        "style-content-lower",
        "style_transfer",
        content_lower_share,
        "recorded steps at which the content loss (seed mean) is lower with Instance Norm",
    ),
    # limitations.md
    Value(
        "batch-sizes",
        "batch_size_sweep",
        lambda r: f"{_sizes(r)[0]} to {_sizes(r)[-1]}",
        "batch sizes of the sweep",
    ),
    Value(
        "batch-size-largest",
        "batch_size_sweep",
        lambda r: str(_sizes(r)[-1]),
        "largest batch size of the sweep",
    ),
    Value(
        "batch-n-train",
        "batch_size_sweep",
        lambda r: count(r.data["n_train"]),
        "training images of each run",
    ),
    Value(
        "batch-steps-largest",
        "batch_size_sweep",
        lambda r: sweep_steps(r, largest=True),
        "optimizer steps of one run at the largest batch size",
    ),
    Value(
        "batch-steps-smallest",
        "batch_size_sweep",
        lambda r: sweep_steps(r, largest=False),
        "optimizer steps of one run at the smallest batch size",
    ),
    Value(
        "batch-bn-error-smallest",
        "batch_size_sweep",
        lambda r: error_at(r, "batch", largest=False),
        "BN's validation error at the smallest batch size, mean over seeds",
    ),
    Value(
        "batch-bn-error-largest",
        "batch_size_sweep",
        lambda r: error_at(r, "batch", largest=True),
        "BN's validation error at the largest batch size, mean over seeds",
    ),
    Value(
        "batch-gn-error-largest",
        "batch_size_sweep",
        lambda r: error_at(r, "group", largest=True),
        "Group Norm's validation error at the largest batch size, mean over seeds",
    ),
    Value(
        "batch-ln-error-largest",
        "batch_size_sweep",
        lambda r: error_at(r, "layer", largest=True),
        "Layer Norm's validation error at the largest batch size, mean over seeds",
    ),
    Value(
        "batch-bn-train-range",
        "batch_size_sweep",
        bn_train_range,
        "BN's last-epoch training accuracy (training mode, seed mean), over the batch sizes",
    ),
    Value(
        "batch-bn-error-span",
        "batch_size_sweep",
        bn_error_span,
        "highest − lowest of BN's validation error (seed mean) over the batch sizes",
    ),
    Value(
        "overhead-train-step",
        "bn_overhead",
        lambda r: slowdown(r, "train_step_s"),
        "extra time of a training step with BN, from the median times over repeats",
    ),
    Value(
        "overhead-inference",
        "bn_overhead",
        lambda r: slowdown(r, "inference_s"),
        "extra time of an inference batch with BN (not folded), from the median times over repeats",
    ),
    Value(
        "shift-drop-bn",
        "test_shift",
        lambda r: shift_drop(r, "batch"),
        f"test accuracy BN (moving averages) loses from contrast 1 to {SHIFT_CONTRAST:g}, per seed",
    ),
    Value(
        "shift-drop-gn",
        "test_shift",
        lambda r: shift_drop(r, "group"),
        f"test accuracy Group Norm loses from contrast 1 to {SHIFT_CONTRAST:g}, per seed",
    ),
    Value(
        "shift-drop-test-stats",
        "test_shift",
        lambda r: shift_drop(r, "batch_test_stats"),
        f"test accuracy BN with test-batch statistics loses from contrast 1 to "
        f"{SHIFT_CONTRAST:g}, per seed",
    ),
]
