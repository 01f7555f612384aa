"""Every claim's check on small synthetic results whose right outcome is known by construction.

A comparative claim is given results built so that its check must find the claimed difference
(supported), the same difference the other way (contradicted), a difference that falls short of
the claim's margin on every seed (contradicted: each seed's evaluation noise is already in the
seed spread, counted once, so consistent seeds resolve it however few images each is scored on),
or no difference the rule can resolve (within noise: per-seed differences that straddle the
margin, seeds that disagree, a single seed). Where every seed is scored on the same test images,
the results hold per-image outcomes and the images' paired error is part of the interval. A check
(a fact true by construction) is given a result on which it passes and one on which it fails.

Results have the "full" profile, under which every claim is judged; on a quick result a claim
judged under "full" is a preview (measured, not judged). Nothing is trained and no file is read:
the results are dictionaries shaped like the committed `results/<experiment>/<profile>.json`
(and `.npz`).
"""

from __future__ import annotations

import dataclasses
import inspect
import math

import numpy as np
import pytest

from bnviz import claims
from bnviz.errors import BnvizError
from bnviz.judging import CONTRADICTED, FAILS, MEASURED, PASSES, SUPPORTED, WITHIN_NOISE
from bnviz.results import Result

# ---------------------------------------------------------------------------------------------
# Building results

# each seed draws its own validation and test images from the 5,000 digits
MNIST = {"id": "mnist-5k", "n_train": 3500, "n_val": 750, "n_test": 750, "shared_test": False}
# every seed is scored on the same 10,000 official test images
FASHION = {
    "id": "fashion-mnist",
    "n_train": 10000,
    "n_val": 6000,
    "n_test": 10000,
    "shared_test": True,
}
DATA = {  # the data record each experiment's committed result has
    "activation_shift": MNIST,
    "batch_size_sweep": {**FASHION, "n_train": 3000, "n_val": 2000},
    "bn_layer_stats": MNIST,
    "bn_overhead": MNIST,
    "bn_placement": MNIST,
    "depth": MNIST,
    "dropout_vs_bn": MNIST,
    "fashion_cnn": {**FASHION, "n_train": 54000},
    "finetune_pitfall": MNIST,
    "ioffe_fig1": MNIST,
    "lr_sweep": MNIST,
    "mode_gap": MNIST,
    "norm_comparison": FASHION,
    "santurkar": FASHION,
    "style_transfer": {"id": "skimage-photos", "n_train": 3, "n_val": 0, "n_test": 1},
    "test_shift": FASHION,
    "training_curves": MNIST,
}


def make_result(
    experiment, payload, *, spec=None, data=None, arrays=None, profile="full"
) -> Result:
    """A result of `experiment` as `bnviz.results.load` returns it, without a file; by default
    of the "full" profile, under which every claim is judged."""
    return Result(
        experiment,
        profile,
        {"seeds": [0, 1, 2], **(spec or {})},
        {**DATA[experiment], **(data or {})},
        {"code_hash": "synthetic", "hardware": {"cpu": "Synthetic CPU", "cpu_count": 2}},
        payload,
        arrays or {},
    )


def verdict(claim_id: str, result: Result) -> claims.Verdict:
    """The verdict of the registered claim `claim_id` (the one its page shows) on `result`."""
    claim = claims.get(claim_id)
    assert claim.experiment == result.experiment
    return claim.check(result)


def judgment(claim_id: str, result: Result) -> claims.Verdict:
    """What the claim's own check judges on `result`: for a claim shown as a measurement (one
    its run cannot resolve), the judgment a run that can resolve it would make."""
    claim = claims.get(claim_id)
    assert claim.experiment == result.experiment
    return inspect.unwrap(claim.check)(result)


EPOCHS = 3


def rising(final, n=EPOCHS, step=0.05) -> list[float]:
    """A curve that rises by `step` per epoch to end at `final`."""
    return [final - step * (n - 1 - e) for e in range(n)]


def history(val=0.9, *, train=None, test=None, loss=0.3, epochs=EPOCHS, precise=None) -> dict:
    """One seed's training history whose curves end at the given values. Every curve rises by
    the same amount per epoch, so two variants differ by the same amount at every epoch.
    `precise`: the validation accuracy with re-estimated BN statistics (default: `val`)."""
    h = {
        "train_loss": [loss + 0.2 * (epochs - 1 - e) for e in range(epochs)],
        "train_accuracy": rising(val + 0.02 if train is None else train, epochs),
        "val_loss": [loss] * epochs,
        "val_accuracy": rising(val, epochs),
        "val_loss_precise": [loss] * epochs,
        "val_accuracy_precise": rising(val if precise is None else precise, epochs),
    }
    if test is not None:
        h["test_loss"], h["test_accuracy"] = [loss], [test]
    return h


def runs(key: str, values, **fixed) -> list[dict]:
    """One history per seed, with `key` ending at that seed's value."""
    return [history(**{key: v}, **fixed) for v in values]


N_TEST = FASHION["n_test"]


def image_outcomes(accuracies, n=N_TEST) -> np.ndarray:
    """Per-image outcomes (seeds, images) on shared test images whose per-seed means are
    `accuracies`: seed i gets right a run of images that starts at image i·n/seeds (wrapping
    round). Two variants built this way differ, on each seed, on a run of images that moves with
    the seed: they do not disagree on the same images from seed to seed, so the shared images
    add (next to) nothing to what the seed spread holds."""
    seeds = len(accuracies)
    out = np.zeros((seeds, n), dtype=bool)
    for i, accuracy in enumerate(accuracies):
        out[i, : round(accuracy * n)] = True
        out[i] = np.roll(out[i], i * n // seeds)
    return out


def stored_test_outcomes(per_variant: dict) -> dict[str, np.ndarray]:
    """`per_variant[v]`: per-seed test accuracies -> the per-image outcomes as a result stores
    them (`outcomes/histories/<variant>/<seed index>/test_correct`)."""
    return {
        f"outcomes/histories/{v}/{i}/test_correct": seed
        for v, accuracies in per_variant.items()
        for i, seed in enumerate(image_outcomes(accuracies))
    }


def seeds_of(values) -> dict:
    """The spec's seeds for one run per value (a result reading per-image outcomes counts them)."""
    return {"seeds": list(range(len(values)))}


# Per-seed accuracies (A, B) of the two variants a claim compares, in the direction of the claim:
# the claim says A − B exceeds its margin (0.5 points for most; −0.5 for "no more than 0.5 worse").
LARGE = ([0.95, 0.96, 0.94], [0.80, 0.80, 0.81])  # +15, +16, +13 points: every seed agrees
REVERSED = (LARGE[1], LARGE[0])  # the same difference the other way
SPREAD = ([0.95, 0.70, 0.96], [0.80, 0.85, 0.80])  # +15, −15, +16: the seeds disagree
ONE_SEED = ([0.95], [0.80])  # +15 points, but one seed gives no interval
LARGE_MEAN = "+14.7"  # LARGE's mean difference, (15 + 16 + 13) / 3 points, as described
# per-seed differences relative to the claim's margin, in points:
STRADDLE = (-0.4, +0.5, 0.0)  # around the margin, with a spread: the interval holds it
SHORT = (-0.4, -0.4, -0.5)  # short of it on every seed (at margin 0.5: +0.1, +0.1, 0 points)


def around(margin, offsets, base=0.85):
    """Per-seed accuracies (A, B): B at `base`, A above it by `margin` + offset points."""
    return [base + (margin + d) / 100 for d in offsets], [base] * len(offsets)


STANDARD_CASES = [
    pytest.param(lambda margin: LARGE, SUPPORTED, id="large"),
    pytest.param(lambda margin: REVERSED, CONTRADICTED, id="reversed"),
    pytest.param(lambda margin: around(margin, STRADDLE), WITHIN_NOISE, id="straddles-margin"),
    pytest.param(lambda margin: around(margin, SHORT), CONTRADICTED, id="short-of-margin"),
    pytest.param(lambda margin: SPREAD, WITHIN_NOISE, id="seeds-disagree"),
    pytest.param(lambda margin: ONE_SEED, WITHIN_NOISE, id="one-seed"),
]


def const(value, like) -> list[float]:
    """`value` for every seed of `like`."""
    return [value] * len(like)


# --- one builder per accuracy claim: (A, B) per seed -> a result where the check compares A − B


def curves(a, b):
    hist = {"none": runs("val", b), "batch": runs("val", a)}
    return make_result("training_curves", {"histories": hist})


LRS = ("0.1", "3.0", "10.0")  # as text "3.0" is the largest; as a number 10 is


def lr_pair_everywhere(a, b):
    sweep = {lr: {"none": runs("val", b), "batch": runs("val", a)} for lr in LRS}
    return make_result("lr_sweep", {"sweep": sweep})


def lr_pair_at_largest(a, b):
    """The pair at the largest rate only, the opposite at the others: only the largest counts."""
    sweep = {lr: {"none": runs("val", a), "batch": runs("val", b)} for lr in LRS}
    sweep["10.0"] = {"none": runs("val", b), "batch": runs("val", a)}
    return make_result("lr_sweep", {"sweep": sweep})


def precise_runs(a, **fixed):
    """BN runs whose re-estimated accuracy is A while their moving-average accuracy is far
    below: a check that read the moving averages would come out contradicted."""
    return [history(0.5, precise=x, **fixed) for x in a]


def curves_precise(a, b):
    hist = {"none": runs("val", b), "batch": precise_runs(a)}
    return make_result("training_curves", {"histories": hist})


def curves_lag(a, b):
    """BN with re-estimated statistics A, with moving averages B (after every epoch)."""
    hist = {
        "none": runs("val", const(0.9, a)),
        "batch": [history(y, precise=x) for x, y in zip(a, b, strict=True)],
    }
    return make_result("training_curves", {"histories": hist})


def lr_precise_everywhere(a, b):
    sweep = {lr: {"none": runs("val", b), "batch": precise_runs(a)} for lr in LRS}
    return make_result("lr_sweep", {"sweep": sweep})


def lr_precise_at_largest(a, b):
    sweep = {lr: {"none": runs("val", a), "batch": precise_runs(b)} for lr in LRS}
    sweep["10.0"] = {"none": runs("val", b), "batch": precise_runs(a)}
    return make_result("lr_sweep", {"sweep": sweep})


def lr_lag(a, b):
    """At the smallest rate, BN re-estimated A and moving B; the reverse at the others."""
    sweep = {
        lr: {
            "none": runs("val", const(0.9, a)),
            "batch": [history(x, precise=y) for x, y in zip(a, b, strict=True)],
        }
        for lr in LRS
    }
    sweep["0.1"]["batch"] = [history(y, precise=x) for x, y in zip(a, b, strict=True)]
    return make_result("lr_sweep", {"sweep": sweep})


def finetune_precise(a, b):
    hist = {
        "bn_frozen": [history(0.95, precise=x, epochs=1) for x in b],
        "bn_trainable": [history(0.1, precise=x, epochs=1) for x in a],
    }
    return make_result("finetune_pitfall", {"histories": hist})


def dropout_gap(a, b):
    """Every variant reaches 99 % on its training data, in inference mode; BN validates at A,
    neither BN nor dropout at B, so the gap without either minus the gap with BN is A − B."""

    def seeds(vals):
        return [
            {"train_accuracy_inference_precise": 0.99, "val_accuracy_inference_precise": v}
            for v in vals
        ]

    hist = {
        "neither": seeds(b),
        "dropout": seeds(const(0.9, a)),
        "batch": seeds(a),
        "both": seeds(const(0.9, a)),
    }
    return make_result("dropout_vs_bn", {"histories": hist}, spec={"gap_samples": 6000})


def dropout_val(a, b):
    """BN alone validates at A, BN + dropout at B (re-estimated statistics; the moving averages
    far below both). Dropout alone is ahead of both at 99 %: a check that compared BN with
    dropout alone, not with BN + dropout, would come out contradicted."""
    hist = {
        "neither": runs("val", const(0.9, a)),
        "dropout": runs("val", const(0.99, a)),
        "batch": precise_runs(a),
        "both": precise_runs(b),
    }
    return make_result("dropout_vs_bn", {"histories": hist})


def finetune(a, b):
    hist = {
        "bn_frozen": runs("val", b, epochs=1),
        "bn_trainable": runs("val", a, epochs=1),
    }
    for r in hist["bn_frozen"]:
        r["max_moving_mean_change"] = 0.0
    for r in hist["bn_trainable"]:
        r["max_moving_mean_change"] = 1.5
    return make_result("finetune_pitfall", {"histories": hist})


def fashion(key, **fixed):
    """With BN A, without B as the final `key` ("val" or "test"). The test accuracies (90 % for
    both unless `key` is "test") are also stored image by image, as the run stores them for the
    shared test set."""

    def build(a, b):
        hist = {"none": runs(key, b, epochs=2, **fixed), "batch": runs(key, a, epochs=2, **fixed)}
        test = {"none": b, "batch": a} if key == "test" else {v: const(0.9, a) for v in hist}
        for v, accuracies in test.items():
            for r, x in zip(hist[v], accuracies, strict=True):
                r["test_loss"], r["test_accuracy"] = [0.3], [x]
        return make_result(
            "fashion_cnn",
            {"histories": hist},
            spec=seeds_of(a),
            arrays=stored_test_outcomes(test),
        )

    return build


NORMS = ("none", "batch", "layer", "instance", "group", "weight")


def norms_bn_vs_each(a, b):
    hist = {n: runs("val", a if n == "batch" else b) for n in NORMS}
    return make_result("norm_comparison", {"histories": hist})


def norms_each_vs_none(a, b):
    hist = {n: runs("val", b if n == "none" else a) for n in NORMS}
    return make_result("norm_comparison", {"histories": hist})


SIZES = (2, 4, 8, 16, 32, 64)


def batch_sweep(val, train=None, **data):
    """`val(size, norm)` (and `train(size, norm)`): per-seed accuracies at each batch size."""

    def seeds(s, n):
        vals = val(s, n)
        trains = train(s, n) if train else [None] * len(vals)
        return [history(v, train=t) for v, t in zip(vals, trains, strict=True)]

    sweep = {str(s): {n: seeds(s, n) for n in ("batch", "group", "layer")} for s in SIZES}
    return make_result(
        "batch_size_sweep", {"sweep": sweep}, spec={"batch_sizes": list(SIZES)}, data=data
    )


def bn_32_vs_2(a, b):
    return batch_sweep(
        lambda s, n: (
            a if (s, n) == (32, "batch") else b if (s, n) == (2, "batch") else const(0.85, a)
        )
    )


def gn_keeps_more(a, b):
    """Every norm at 85 % at every batch size but the smallest, where Group Norm keeps A and BN
    B: the accuracy BN loses from the largest batch to the smallest minus Group Norm's is A − B."""
    at_smallest = {"group": a, "batch": b}
    return batch_sweep(
        lambda s, n: at_smallest[n] if s == 2 and n in at_smallest else const(0.85, a)
    )


CONTRASTS = [1.0, 0.5, 0.25, 0.1]


def shift_result(at_quarter: dict, full=0.97):
    """Per variant, per seed: test accuracy `full` at contrast 1 and the given one at 0.25,
    stored image by image as the run stores them (contrasts, images) for the shared test set."""
    accuracy = {
        v: [[full, (full + q) / 2, q, q - 0.05] for q in qs] for v, qs in at_quarter.items()
    }
    arrays = {}
    for v, per_seed in accuracy.items():
        by_contrast = np.stack([image_outcomes(c) for c in zip(*per_seed, strict=True)])
        for i in range(len(per_seed)):
            arrays[f"outcomes/test_correct/{v}/{i}"] = by_contrast[:, i]
    spec = {**seeds_of(per_seed), "contrasts": CONTRASTS, "variants": ["batch", "group"]}
    return make_result("test_shift", {"test_accuracy": accuracy}, spec=spec, arrays=arrays)


def shift_drop(a, b):
    """Everything starts at 97 %; at contrast 0.25 Group Norm keeps A and BN B, so BN's drop
    minus Group Norm's is A − B."""
    return shift_result({"batch": b, "batch_test_stats": const(0.9, a), "group": a})


def shift_test_stats(a, b):
    return shift_result({"batch": b, "batch_test_stats": a, "group": const(0.9, a)})


IOFFE_STEPS = list(range(0, 20001, 250))  # the paper's 20,000 steps, evaluated every 250
AT_START = np.array(IOFFE_STEPS) == 0  # the untrained network: chance, 10 %, in both
EARLY = ~AT_START & (np.array(IOFFE_STEPS) <= 1000)  # the first 5 % of the steps


def ioffe(curve):
    """`curve(value)`: one seed's test-accuracy curve for the per-seed value."""

    def build(a, b):
        hist = {
            v: [{"test_steps": IOFFE_STEPS, "test_accuracy": list(curve(x))} for x in xs]
            for v, xs in (("none", b), ("batch", a))
        }
        return make_result("ioffe_fig1", {"histories": hist}, spec={"steps": 20000})

    return build


def ioffe_higher_lr(a, b):
    """BN at the higher rate reaches A on its whole curve, BN at the chosen rate B; the run
    without BN is better than both (the claim compares BN with BN)."""
    build = ioffe(ioffe_whole)
    result = build(b, const(0.99, b))
    higher = build(a, b).payload["histories"]["batch"]
    result.payload["higher_lr"] = {"learning_rate": 5.0, "batch": higher}
    result.payload["learning_rate"] = 1.0
    result.spec["bn_lr_scale"] = 5.0
    return result


def ioffe_whole(x):  # rises from x − 0.5 at step 0 to x: every evaluation differs by A − B
    return np.linspace(x - 0.5, x, len(IOFFE_STEPS))


def ioffe_early_only(x):  # chance at step 0, x in the first 5 %, then both at 97 %
    return np.where(AT_START, 0.1, np.where(EARLY, x, 0.97))


def ioffe_last_only(x):  # both at 90 % until the last evaluation, which is x
    return [0.9] * (len(IOFFE_STEPS) - 1) + [x]


def santurkar_run(train=0.8, *, rel=0.5, cos=0.5, loss_range=0.1, grad=1.0, beta=10.0, jitter=0.0):
    """One seed's Santurkar history: 4 measurements of 5 layers, each at the given value, and a
    probed layer whose median moves by `jitter` between measurements."""
    steps, layers = 4, 5
    median = 0.1 + jitter * (np.arange(steps) % 2)  # up and down by `jitter`
    return {
        **history(val=0.8, train=train, epochs=4),
        "probe_layers": [f"conv{i}" for i in range(layers)],
        "opt_steps": list(range(0, 80, 20)),
        "opt_ics_l2": [[rel * 2] * layers] * steps,
        "opt_ics_rel": [[rel] * layers] * steps,
        "opt_ics_cos": [[cos] * layers] * steps,
        "opt_loss": [1.0] * steps,
        "opt_loss_min": [1.0 - loss_range / 2] * steps,
        "opt_loss_max": [1.0 + loss_range / 2] * steps,
        "opt_grad_change": [grad] * steps,
        "opt_beta": [beta] * steps,
        "probe_steps": list(range(0, 80, 20)),
        "quantiles": [5, 15, 50, 85, 95],
        "percentiles": [[m - 1.0, m - 0.5, m, m + 0.5, m + 1.0] for m in median],
    }


def santurkar(**per_variant):
    """`variant={key: per-seed values}`: each seed's run has those values."""
    hist = {}
    for v in ("none", "batch", "noisy_batch"):
        spec = per_variant.get(v, {})
        n = len(next(iter(spec.values()))) if spec else 3
        hist[v] = [santurkar_run(**{k: vals[i] for k, vals in spec.items()}) for i in range(n)]
    return make_result("santurkar", {"histories": hist})


def noisy_trains(a, b):
    return santurkar(noisy_batch={"train": a}, none={"train": b})


DEPTHS = (4, 8, 16, 32)
BASE_LR = 0.1  # the spec's rate; the stack without BN is also trained at 0.01 and 0.03
PLAIN = {"none": BASE_LR, "none_lr0.01": 0.01, "none_lr0.03": 0.03}  # run name -> rate


def depth_result(train: dict, ratios: dict | None = None) -> Result:
    """`train[(depth, run)]`: per-seed final training accuracies (every run not given: 50 %);
    `ratios[run]`: per-seed first ÷ last convolution's initial gradient norm (default 1)."""
    seeds = len(next(iter(train.values())))
    ratios = ratios or {}

    def seed_runs(depth, name):
        accuracies = train.get((depth, name), [0.5] * seeds)
        firsts = ratios.get(name, [1.0] * seeds)
        return [
            {"train_accuracy": rising(x), "initial_gradient_norms": list(np.geomspace(r, 1, depth))}
            for x, r in zip(accuracies, firsts, strict=True)
        ]

    names = ("batch", "residual", *PLAIN)
    depths = {str(d): {n: seed_runs(d, n) for n in names} for d in DEPTHS}
    spec = {"train": {"learning_rate": BASE_LR}, "depths": list(DEPTHS)}
    return make_result("depth", {"depths": depths}, spec=spec)


def plain_at(depth, accuracies, best="none_lr0.01", chance="none") -> dict:
    """The stack without BN at `depth`: `accuracies` at its best rate `best`, at chance (10 %)
    at `chance` (a deep plain stack diverges at the base rate) and 5 points below the best at
    the third rate. A check that read any rate but the best would see another difference."""
    (third,) = set(PLAIN) - {best, chance}
    return {
        (depth, best): accuracies,
        (depth, chance): const(0.10, accuracies),
        (depth, third): [x - 0.05 for x in accuracies],
    }


def depth_bn_vs_plain(a, b):
    """At the greatest depth, BN A, the plain stack at its best rate B."""
    return depth_result({(32, "batch"): a, **plain_at(32, b)})


def depth_residual_vs_plain(a, b):
    """At the greatest depth, the residual stack without BN A, the plain stack at its best B."""
    return depth_result({(32, "residual"): a, **plain_at(32, b)})


def depth_plain_shallow_vs_deep(a, b):
    """The plain stack at its best rate: A at the smallest depth (the base rate), B at the
    greatest (0.01)."""
    shallow = plain_at(4, a, best="none", chance="none_lr0.01")
    return depth_result({**shallow, **plain_at(32, b)})


# claim -> (builder, margin in points): the margins are written out here, not imported, so that
# a changed margin shows (the straddling and short-of-margin cases are built around them)
ACCURACY_CLAIMS = {
    "curves-bn-faster": (curves, 0.5),
    "curves-bn-final-higher": (curves, 0.5),
    "curves-bn-faster-precise": (curves_precise, 0.5),
    "curves-bn-final-higher-precise": (curves_precise, 0.5),
    "lr-bn-higher": (lr_pair_at_largest, 10),
    "lr-bn-higher-precise": (lr_precise_at_largest, 10),
    "lr-moving-lag": (lr_lag, 10),
    "lr-bn-faster-everywhere": (lr_pair_everywhere, 0.5),
    "lr-bn-faster-everywhere-precise": (lr_precise_everywhere, 0.5),
    "bn-regularizes": (dropout_gap, 0.5),
    "bn-replaces-dropout": (dropout_val, -0.5),
    "finetune-trainable-better": (finetune, 0.5),
    "finetune-trainable-better-precise": (finetune_precise, 0.5),
    "fashion-bn-faster": (fashion("val"), 1),
    "gen-bn-test-higher": (fashion("test"), 0.5),
    "gen-bn-gap-smaller": (fashion("test", train=0.99), 0.5),
    "alternatives-bn-best": (norms_bn_vs_each, 0.5),
    "alternatives-all-beat-none": (norms_each_vs_none, 0.5),
    "batch-bn-small-worse": (bn_32_vs_2, 0.5),
    "batch-gn-flatter": (gn_keeps_more, 0.5),
    "shift-bn-drops": (shift_drop, 0.5),
    "shift-test-stats-help": (shift_test_stats, 0.5),
    "ioffe-bn-faster": (ioffe(ioffe_whole), 0.5),
    "ioffe-bn-ahead-early": (ioffe(ioffe_early_only), 0.5),
    "ioffe-bn-higher": (ioffe(ioffe_last_only), 0.5),
    "ioffe-bn-higher-lr": (ioffe_higher_lr, 0.5),
    "santurkar-noisy-trains": (noisy_trains, 2),
    "depth-bn-trains-deepest": (depth_bn_vs_plain, 10),
    "depth-none-degrades": (depth_plain_shallow_vs_deep, 10),
    "depth-residual-trains": (depth_residual_vs_plain, 10),
}


# ---------------------------------------------------------------------------------------------
# Accuracy claims: the standard cases each, around the claim's own margin


@pytest.mark.parametrize(("pair", "outcome"), STANDARD_CASES)
@pytest.mark.parametrize("claim_id", sorted(ACCURACY_CLAIMS))
def test_accuracy_claim_outcomes(claim_id, pair, outcome):
    build, margin = ACCURACY_CLAIMS[claim_id]
    a, b = pair(margin)
    v = judgment(claim_id, build(a, b))
    assert v.outcome == outcome, v.measured
    assert "95 % interval" in v.measured and f"needed: above {margin:.1f};" in v.measured
    if (a, b) == LARGE:
        assert LARGE_MEAN in v.measured, v.measured
    if (a, b) == ONE_SEED:
        assert all(math.isinf(c.half_width) for c in v.comparisons)


def test_consistent_tiny_difference_is_contradicted():
    """The point of the calibrated rule: +0.1, +0.1 and 0 points on three seeds, each scored on
    its own 750 validation images. The old rule added a binomial error for 750 images on top of
    the seed spread and called this within noise; but that evaluation noise is what makes the
    per-seed differences vary, so it is already in the seed spread and counted once. Three seeds
    that agree this closely resolve it: short of the 0.5 margin, contradicted, however many
    images each seed was scored on (the size of the evaluation set no longer enters)."""
    tiny = ([0.901, 0.902, 0.900], [0.900, 0.901, 0.900])
    small, huge = curves(*tiny), curves(*tiny)
    huge.data["n_val"] = 10_000_000
    v = verdict("curves-bn-final-higher", small)
    assert v.outcome == CONTRADICTED, v.measured
    (c,) = v.comparisons
    assert c.shared_se == 0 and c.interval[1] < 0.5
    assert verdict("curves-bn-final-higher", huge).comparisons == v.comparisons


def systematic_disagreement(accuracy=0.85, gained=600, lost=500, seeds=3):
    """Per-image test outcomes (with BN, without) that disagree on the same images on every
    seed: without BN the first `accuracy` of the images are right; with BN also `gained` images
    that are wrong without, and not `lost` images that are right without."""
    right = round(accuracy * N_TEST)
    none = np.zeros((seeds, N_TEST), dtype=bool)
    none[:, :right] = True
    batch = none.copy()
    batch[:, right : right + gained] = True
    batch[:, :lost] = False
    return batch, none


@pytest.mark.parametrize("claim_id", ["gen-bn-test-higher", "gen-bn-gap-smaller"])
def test_shared_images_decide_when_the_seeds_agree(claim_id):
    """Every seed: with BN 86 %, without 85 % on the same 10,000 test images, so the seeds agree
    perfectly (+1.0 point each, spread 0) and would resolve the 0.5 margin on their own. When the
    two variants' disagreements move with the seed, the images add nothing and the claim is
    supported. When instead they disagree on the same 1,100 images on every seed (600 right only
    with BN, 500 only without), the +1.0 is largely which images the test set happens to hold:
    the shared images' paired error (±0.65 points) decides, within noise."""
    build = ACCURACY_CLAIMS[claim_id][0]
    moving = build([0.86] * 3, [0.85] * 3)
    v = verdict(claim_id, moving)
    assert v.outcome == SUPPORTED, v.measured
    assert v.comparisons[0].shared_se < 0.05

    fixed = build([0.86] * 3, [0.85] * 3)
    batch, none = systematic_disagreement()
    for i in range(3):
        fixed.arrays[f"outcomes/histories/batch/{i}/test_correct"] = batch[i]
        fixed.arrays[f"outcomes/histories/none/{i}/test_correct"] = none[i]
    v = verdict(claim_id, fixed)
    assert v.outcome == WITHIN_NOISE, v.measured
    (c,) = v.comparisons
    assert c.diffs == pytest.approx((1.0, 1.0, 1.0)) and c.seed_se == 0
    assert c.shared_se == pytest.approx(0.33, abs=0.01)
    assert c.interval[0] < 0.5 < c.interval[1]


@pytest.mark.parametrize(
    ("diffs", "outcome"),
    [
        ([-0.3, -0.25, -0.35], SUPPORTED),  # slightly worse on every seed: no more than 0.5
        ([-1.5, -1.4, -1.6], CONTRADICTED),  # clearly worse on every seed
        ([-0.1, -1.2, -0.3], WITHIN_NOISE),  # around −0.5, with a spread
    ],
    ids=["slightly-worse", "clearly-worse", "around-the-margin"],
)
def test_bn_may_replace_dropout_by_being_slightly_worse(diffs, outcome):
    # "no more than 0.5 points less accurate than BN + dropout" has margin −0.5
    both = [0.900, 0.901, 0.899]
    bn = [x + d / 100 for x, d in zip(both, diffs, strict=True)]
    v = judgment("bn-replaces-dropout", dropout_val(bn, both))
    assert v.outcome == outcome, v.measured
    assert "BN only − BN + dropout" in v.measured


def test_lr_claims_read_every_rate_or_only_the_largest():
    mixed = lr_pair_everywhere(*LARGE)
    mixed.payload["sweep"]["0.1"] = lr_pair_everywhere(*REVERSED).payload["sweep"]["0.1"]
    assert verdict("lr-bn-faster-everywhere", mixed).outcome == CONTRADICTED  # one rate decides
    assert verdict("lr-bn-higher", mixed).outcome == SUPPORTED  # only 10.0 counts
    unsure = lr_pair_everywhere(*LARGE)
    straddling = lr_pair_everywhere(*around(0.5, STRADDLE)).payload["sweep"]
    unsure.payload["sweep"]["3.0"] = straddling["3.0"]  # around the margin at one rate
    v = verdict("lr-bn-faster-everywhere", unsure)
    assert v.outcome == WITHIN_NOISE and len(v.comparisons) == len(LRS)
    assert "learning rate 10" in verdict("lr-bn-higher", lr_pair_at_largest(*LARGE)).measured


def test_learning_faster_is_not_ending_higher():
    # BN's curve is at 96 % from epoch 2, the plain one climbs there by the last epoch
    def run(curve):
        return {"train_loss": [0.3] * 10, "val_accuracy": curve, "train_accuracy": curve}

    fast = [0.93] + [0.96] * 9
    slow = list(np.linspace(0.50, 0.96, 10))
    hist = {
        "batch": [run([x + d for x in fast]) for d in (0.0, 0.002, -0.002)],
        "none": [run([x + d for x in slow]) for d in (0.0, -0.002, 0.002)],
    }
    result = make_result("training_curves", {"histories": hist})
    assert verdict("curves-bn-faster", result).outcome == SUPPORTED
    # final differences 0, +0.4, −0.4 points: around 0, which the seeds cannot place against 0.5
    assert verdict("curves-bn-final-higher", result).outcome == WITHIN_NOISE
    assert "averaged over the 10 epochs" in verdict("curves-bn-faster", result).measured


def test_ioffe_ahead_early_is_not_higher_at_the_end():
    result = ioffe(ioffe_early_only)(*LARGE)
    v = verdict("ioffe-bn-ahead-early", result)
    assert v.outcome == SUPPORTED and "steps 250–1,000" in v.measured
    # both end at 97 % on every seed: a difference of 0, resolved as short of the margin
    assert verdict("ioffe-bn-higher", result).outcome == CONTRADICTED
    # the average over the whole run is diluted 4 evaluations in 81: +0.7 points, but on every
    # seed alike (+0.74, +0.79, +0.64), so still above the margin
    v = verdict("ioffe-bn-faster", result)
    assert v.outcome == SUPPORTED and "+0.7 points" in v.measured


def test_norm_comparison_needs_every_norm():
    # every normalization well above none; Group Norm also 2–3 points above BN on every seed
    hist = norms_each_vs_none(*LARGE).payload["histories"]
    hist["group"] = runs("val", [0.97, 0.98, 0.97])
    result = make_result("norm_comparison", {"histories": hist})
    v = verdict("alternatives-bn-best", result)
    assert v.outcome == CONTRADICTED and "BN − Group Norm" in v.measured
    assert len(v.comparisons) == len(NORMS) - 1
    assert verdict("alternatives-all-beat-none", result).outcome == SUPPORTED


def test_noisy_bn_claim_reports_every_variant():
    v = verdict("santurkar-noisy-trains", noisy_trains(*LARGE))
    assert "standard 80.0%" in v.measured and "+ noisy BatchNorm 80.0%" in v.measured


def test_depth_claims_name_the_best_rate_without_bn():
    v = verdict("depth-bn-trains-deepest", depth_bn_vs_plain(*LARGE))
    assert "at depth 32, with BN − without (its best learning rate 0.01)" in v.measured
    v = verdict("depth-none-degrades", depth_plain_shallow_vs_deep(*LARGE))
    assert "depth 4 (learning rate 0.1) − depth 32 (learning rate 0.01)" in v.measured


def test_shared_test_claims_need_their_records():
    result = fashion("test")(*LARGE)
    del result.data["n_test"]
    with pytest.raises(BnvizError, match="records no test set size"):
        verdict("gen-bn-test-higher", result)
    result = fashion("test")(*LARGE)
    result.arrays = {}  # a result from before per-image outcomes were stored
    for claim_id in ("gen-bn-test-higher", "gen-bn-gap-smaller"):
        with pytest.raises(BnvizError, match="stores no per-image outcomes"):
            verdict(claim_id, result)


# ---------------------------------------------------------------------------------------------
# Claims with their own margins or quantities

# Two variants that agree: per-seed differences 0, +0.1, −0.1, −0.1, +0.1 points at 98 %
AGREE = ([0.980, 0.981, 0.979, 0.980, 0.980], [0.980, 0.980, 0.980, 0.981, 0.979])
APART = ([0.95, 0.96, 0.95, 0.94, 0.95], [0.87, 0.87, 0.86, 0.87, 0.87])  # 8 points apart
# around 0 with a spread: +1.5, −1.2, +0.3, −0.8, +0.9 points, an interval wider than ±1
UNSURE = ([0.995, 0.968, 0.983, 0.972, 0.989], [0.98] * 5)


def placement(a, b):
    hist = {"none": runs("val", a), "batch": runs("val", a), "batch_pre": runs("val", b)}
    return make_result("bn_placement", {"histories": hist})


@pytest.mark.parametrize(
    ("pair", "outcome"),
    [
        pytest.param(AGREE, SUPPORTED, id="agree"),
        pytest.param(APART, CONTRADICTED, id="after-better"),
        pytest.param(APART[::-1], CONTRADICTED, id="before-better"),
        pytest.param(UNSURE, WITHIN_NOISE, id="seeds-disagree"),
    ],
)
def test_placement_small(pair, outcome):
    v = verdict("placement-small", placement(*pair))
    assert v.outcome == outcome, v.measured
    assert "needed: inside ±1.0" in v.measured


GAP_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]


def mode_gap(at: dict, steps=GAP_STEPS, seeds=5):
    """`at[step] = (training-mode, inference-mode)` per-seed accuracies; 90 % in both modes at
    every other step."""
    hist = [
        {
            "val_accuracy": [0.9],
            "gap_steps": steps,
            "train_mode_accuracy": [at[s][0][i] if s in at else 0.9 for s in steps],
            "inference_mode_accuracy": [at[s][1][i] if s in at else 0.9 for s in steps],
        }
        for i in range(seeds)
    ]
    return make_result("mode_gap", {"histories": {"batch": hist}}, spec={"probe_size": 500})


BIG_GAP = ([0.60] * 5, [0.20, 0.25, 0.15, 0.22, 0.18])  # 40 points, every seed


@pytest.mark.parametrize(
    ("result", "outcome"),
    [
        pytest.param(lambda: mode_gap({10: BIG_GAP}), SUPPORTED, id="large-at-10"),
        # large just before and after step 10, none at it
        pytest.param(lambda: mode_gap({5: BIG_GAP, 20: BIG_GAP}), CONTRADICTED, id="none-at-10"),
        # 10, 8, 11, 9, 12 points: around the 10-point margin
        pytest.param(
            lambda: mode_gap({10: ([0.60] * 5, [0.50, 0.52, 0.49, 0.51, 0.48])}),
            WITHIN_NOISE,
            id="around-the-margin",
        ),
        pytest.param(
            lambda: mode_gap({10: ([0.6] * 5, [0.2, 0.6, 0.2, 0.6, 0.6])}),
            WITHIN_NOISE,
            id="seeds-disagree",
        ),
    ],
)
def test_mode_gap_early(result, outcome):
    v = verdict("mode-gap-early", result())
    assert v.outcome == outcome, v.measured
    assert "accuracy at step 10," in v.measured


def test_mode_gap_early_reads_the_last_measurement_up_to_step_10():
    v = verdict("mode-gap-early", mode_gap({8: BIG_GAP}, steps=[1, 4, 8, 16, 32]))
    assert v.outcome == SUPPORTED and "step 8" in v.measured


@pytest.mark.parametrize(
    ("result", "outcome"),
    [
        # the modes agree at the end (and differ early, which does not count)
        pytest.param(lambda: mode_gap({10: BIG_GAP, 1000: AGREE}), SUPPORTED, id="agree"),
        pytest.param(lambda: mode_gap({1000: APART}), CONTRADICTED, id="apart"),
        pytest.param(lambda: mode_gap({1000: UNSURE}), WITHIN_NOISE, id="seeds-disagree"),
    ],
)
def test_mode_gap_late(result, outcome):
    v = verdict("mode-gap-late", result())
    assert v.outcome == outcome, v.measured
    assert "step 1000" in v.measured and "needed: inside ±1.0" in v.measured


@pytest.mark.parametrize(
    ("precise", "outcome"),
    [
        pytest.param([0.9] * 5, SUPPORTED, id="recovers"),
        pytest.param([0.12] * 5, CONTRADICTED, id="no-better"),
        pytest.param([0.9, 0.12, 0.9, 0.12, 0.12], WITHIN_NOISE, id="seeds-disagree"),
    ],
)
def test_precise_closes_the_collapse(precise, outcome):
    """Inference mode with moving averages at chance at step 100; with re-estimated
    statistics at `precise`."""
    result = mode_gap({100: ([0.95] * 5, [0.1] * 5)})
    for run, value in zip(result.payload["histories"]["batch"], precise, strict=True):
        run["precise_inference_mode_accuracy"] = [
            value if s == 100 else 0.9 for s in run["gap_steps"]
        ]
    v = verdict("mode-gap-precise-closes", result)
    assert v.outcome == outcome, v.measured
    assert "step 100" in v.measured


TRAIN_CLIMB = np.linspace(0.70, 0.90, len(SIZES))


def bn_train_by_size(per_size: dict):
    """BN's per-seed training accuracy at each batch size in `per_size` (90 % at the others)."""
    return batch_sweep(lambda s, n: [0.85] * 3, train=lambda s, n: per_size.get(s, [0.9] * 3))


@pytest.mark.parametrize(
    ("per_size", "outcome"),
    [
        # the largest batch minus the smallest: 0, −0.1, +0.1 points
        ({2: [0.900, 0.901, 0.900], 64: [0.900, 0.900, 0.901]}, SUPPORTED),
        # climbing from 70 % at batch size 2 to 90 % at 64
        (
            {s: [x, x + 0.01, x - 0.01] for s, x in zip(SIZES, TRAIN_CLIMB, strict=True)},
            CONTRADICTED,
        ),
        # 0, +3 and −0.5 points: the seeds disagree
        ({64: [0.900, 0.930, 0.895]}, WITHIN_NOISE),
    ],
    ids=["flat", "climbing", "seeds-disagree"],
)
def test_bn_train_accuracy_flat(per_size, outcome):
    v = verdict("batch-bn-trains-at-every-size", bn_train_by_size(per_size))
    assert v.outcome == outcome, v.measured
    assert "batch 64 − batch 2" in v.measured and "needed: inside ±1.0" in v.measured


def val_by_size(norm_curves):
    """`norm_curves[norm](size)`: the per-seed validation accuracies (default 85 %)."""
    return batch_sweep(lambda s, n: norm_curves[n](s) if n in norm_curves else [0.85] * 3)


def climbing(s):  # 60 % at batch size 2, 85 % from 32 up
    x = min(0.60 + 0.25 * math.log2(s / 2) / 4, 0.85)
    return [x, x + 0.005, x - 0.005]


def flat(s):
    return [0.850, 0.851, 0.849]


@pytest.mark.parametrize(
    ("norm_curves", "outcome"),
    [
        ({"batch": climbing, "group": flat}, SUPPORTED),
        ({"batch": flat, "group": climbing}, CONTRADICTED),
        # neither loses anything, on every seed: Group Norm is not 0.5 points flatter
        ({"batch": flat, "group": flat}, CONTRADICTED),
    ],
    ids=["bn-varies", "gn-varies", "both-flat"],
)
def test_gn_flatter_than_bn(norm_curves, outcome):
    v = verdict("batch-gn-flatter", val_by_size(norm_curves))
    assert v.outcome == outcome, v.measured
    assert "from batch 64 to batch 2, BN − Group Norm" in v.measured


def flat_to_32_then_off(s):  # flat at 98 % up to batch size 32, 20 points lower at 64
    return [0.78] * 3 if s == 64 else [0.980, 0.9805, 0.9795]


def unsure_at_32(s):  # 0, +1.5, −0.5 points at batch size 32 against 2
    return [0.980, 0.995, 0.975] if s == 32 else [0.98] * 3


@pytest.mark.parametrize(
    ("group", "outcome"),
    [
        (flat_to_32_then_off, SUPPORTED),  # size 64 does not count
        (climbing, CONTRADICTED),
        (unsure_at_32, WITHIN_NOISE),
    ],
    ids=["flat", "climbing", "seeds-disagree"],
)
def test_wu_he_group_norm_flat(group, outcome):
    v = verdict("wuhe-gn-flat", val_by_size({"group": group}))
    assert v.outcome == outcome, v.measured
    assert "batch 32 − batch 2" in v.measured and "needed: inside ±1.0" in v.measured


@pytest.mark.parametrize(
    ("deepest", "outcome"),
    [
        ([0.95, 0.96, 0.94], SUPPORTED),  # 0, +1, −1 points from depth 4 to 32
        ([0.70, 0.72, 0.69], CONTRADICTED),  # 25 points lost
        ([0.95, 0.80, 0.99], WITHIN_NOISE),  # 0, −15, +4: the seeds disagree
    ],
    ids=["flat", "drops", "seeds-disagree"],
)
def test_depth_bn_flat(deepest, outcome):
    result = depth_result({(4, "batch"): [0.95] * 3, (32, "batch"): deepest})
    v = verdict("depth-bn-flat", result)
    assert v.outcome == outcome, v.measured
    assert "with BN, depth 32 − depth 4" in v.measured and "needed: inside ±5.0" in v.measured


@pytest.mark.parametrize(
    ("ratios", "outcome"),
    [
        ([100.0, 200.0, 80.0], SUPPORTED),  # the first layer's gradient 100× the last's
        ([2.0, 1.5, 3.0], CONTRADICTED),  # larger, but by less than 10×
        ([1000.0, 1.0, 100.0], WITHIN_NOISE),  # the seeds disagree
    ],
    ids=["explodes", "grows-little", "seeds-disagree"],
)
def test_depth_bn_gradients_explode(ratios, outcome):
    result = depth_result({(32, "batch"): [0.9] * 3}, {"batch": ratios, "none": [0.5] * 3})
    v = verdict("depth-bn-gradients-explode", result)
    assert v.outcome == outcome, v.measured
    assert "needed: above 1.00" in v.measured
    assert "Without BN: log10 ratio per seed -0.30, -0.30, -0.30" in v.measured


def overhead(none, batch):
    timings = {
        v: {"train_step_s": list(t), "inference_s": [0.007 * x / t[0] for x in t]}
        for v, t in (("none", none), ("batch", batch))
    }
    return make_result("bn_overhead", {"timings": timings}, spec={"seeds": [0], "repeats": 5})


STEP_S = np.array([0.020, 0.021, 0.020, 0.019, 0.020])


@pytest.mark.parametrize(
    ("ratios", "outcome"),
    [
        ([1.50, 1.49, 1.52, 1.50, 1.51], SUPPORTED),  # 50 % slower on every repeat
        ([1.00, 1.01, 0.99, 1.00, 1.01], CONTRADICTED),  # as fast
        ([1.05, 1.02, 1.04, 1.03, 1.05], CONTRADICTED),  # slower, but by less than 10 %
        ([1.50, 0.90, 1.30, 0.95, 1.20], WITHIN_NOISE),  # the repeats disagree
    ],
    ids=["50%", "same", "4%", "repeats-disagree"],
)
def test_overhead_train(ratios, outcome):
    v = verdict("overhead-train", overhead(STEP_S, STEP_S * ratios))
    assert v.outcome == outcome, v.measured
    assert "Synthetic CPU" in v.measured and "needed: above 10.0" in v.measured
    assert "per repeat +" in v.measured and "per seed" not in v.measured  # timings: no seeds


def remedies(fused_ratios, folded_ratios):
    """Keras' BN 50 % slower than no BN in training; the fused kernel and the folded network
    at the given ratios to Keras' BN (training) and to no BN (inference)."""
    result = overhead(STEP_S, STEP_S * 1.5)
    t = result.payload["timings"]
    t["batch_fused"] = {
        "train_step_s": list(STEP_S * 1.5 / np.asarray(fused_ratios)),
        "inference_s": t["batch"]["inference_s"],
    }
    t["batch_folded"] = {"inference_s": list(np.asarray(t["none"]["inference_s"]) * folded_ratios)}
    return result


@pytest.mark.parametrize(
    ("ratios", "outcome"),
    [
        ([1.30, 1.31, 1.29, 1.30, 1.30], SUPPORTED),  # Keras' BN 30 % slower than fused
        ([1.00, 1.01, 0.99, 1.00, 1.00], CONTRADICTED),  # no faster
        ([1.30, 0.90, 1.40, 0.95, 1.10], WITHIN_NOISE),
    ],
    ids=["30%", "same", "repeats-disagree"],
)
def test_overhead_fused_train(ratios, outcome):
    v = verdict("overhead-fused-train", remedies(ratios, np.ones(5)))
    assert v.outcome == outcome, v.measured


@pytest.mark.parametrize(
    ("ratios", "outcome"),
    [
        ([1.00, 1.005, 0.995, 1.00, 1.00], SUPPORTED),  # as fast as no BN
        ([1.30, 1.31, 1.29, 1.30, 1.30], CONTRADICTED),  # 30 % slower
        ([1.00, 1.20, 0.85, 1.10, 0.95], WITHIN_NOISE),
    ],
    ids=["same", "30%", "repeats-disagree"],
)
def test_overhead_folded_inference(ratios, outcome):
    v = verdict("overhead-folded-inference", remedies(np.full(5, 1.3), np.asarray(ratios)))
    assert v.outcome == outcome, v.measured
    assert "needed: inside ±2.0" in v.measured


def onepass(speedups):
    """Keras' BN 50 % slower than no BN in training; one-pass BN faster than Keras' BN by the
    given ratios, per repeat."""
    result = overhead(STEP_S, STEP_S * 1.5)
    result.payload["timings"]["batch_onepass"] = {
        "train_step_s": list(STEP_S * 1.5 / np.asarray(speedups))
    }
    return result


@pytest.mark.parametrize(
    ("speedups", "faster", "under_target"),
    [
        # Keras' BN 30 % slower than one-pass BN, which is 15 % slower than no BN
        ([1.30, 1.31, 1.29, 1.30, 1.30], SUPPORTED, SUPPORTED),
        # one-pass BN as slow as Keras' BN: 50 % slower than no BN
        ([1.00, 1.01, 0.99, 1.00, 1.00], CONTRADICTED, CONTRADICTED),
        # 15 % faster than Keras' BN, yet 30 % slower than no BN: the two claims differ
        ([1.15, 1.16, 1.14, 1.15, 1.15], SUPPORTED, CONTRADICTED),
        ([1.30, 0.90, 1.40, 0.95, 1.10], WITHIN_NOISE, WITHIN_NOISE),  # the repeats disagree
    ],
    ids=["30%", "same", "15%", "repeats-disagree"],
)
def test_overhead_onepass(speedups, faster, under_target):
    result = onepass(speedups)
    v = verdict("overhead-onepass-train", result)
    assert v.outcome == faster, v.measured
    v = verdict("overhead-onepass-target", result)
    assert v.outcome == under_target, v.measured
    assert v.measured.startswith("25 % − (training step with one-pass BN")


@pytest.mark.parametrize(
    ("ratios", "outcome"),
    [
        ([1.20, 1.21, 1.19, 1.20, 1.20], SUPPORTED),  # 20 % slower than no BN
        ([1.02, 1.03, 1.01, 1.02, 1.02], CONTRADICTED),  # 2 %
        ([1.30, 0.95, 1.25, 1.00, 1.05], WITHIN_NOISE),  # the repeats disagree
    ],
    ids=["20%", "2%", "repeats-disagree"],
)
def test_overhead_floor(ratios, outcome):
    result = overhead(STEP_S, STEP_S * 1.5)
    result.payload["timings"]["affine"] = {"train_step_s": list(STEP_S * ratios)}
    result.payload["memory_floor_s"] = 0.002
    result.payload["median"] = {"none": {"train_step_s": 0.020}}
    v = judgment("overhead-floor", result)
    assert v.outcome == outcome, v.measured
    assert "Memory-traffic floor (8 passes over every BN input): +10.0 %" in v.measured


def style(bn, inorm, dependence=(0.4, 0.0)):
    """Per-seed final style losses (the last 5 of 26 records) and batch dependences."""

    def run(final, dep):
        return {
            "step": list(range(1, 251, 10)),
            "content_loss": [0.6] * 26,
            "style_loss": [final + 0.5] * 21 + [final] * 5,
            "batch_dependence": dep,
        }

    hist = {
        "batch": [run(x, dependence[0]) for x in bn],
        "instance": [run(x, dependence[1]) for x in inorm],
    }
    return make_result("style_transfer", {"histories": hist}, spec={"seeds": [0, 1, 2, 3, 4]})


BN_STYLE = [1.00, 1.02, 0.98, 1.01, 0.99]


@pytest.mark.parametrize(
    ("ratios", "outcome"),
    [
        ([0.50, 0.52, 0.49, 0.51, 0.50], SUPPORTED),  # Instance Norm's loss half BN's
        ([1.20, 1.21, 1.19, 1.20, 1.22], CONTRADICTED),  # 20 % higher
        ([0.95, 0.96, 0.95, 0.94, 0.95], CONTRADICTED),  # lower, but by only 5 %
        ([0.50, 1.10, 0.60, 1.05, 0.70], WITHIN_NOISE),  # the seeds disagree
    ],
    ids=["half", "higher", "5%-lower", "seeds-disagree"],
)
def test_style_instance_norm_lower_loss(ratios, outcome):
    v = verdict("style-in-lower-loss", style(BN_STYLE, np.multiply(BN_STYLE, ratios)))
    assert v.outcome == outcome, v.measured
    assert "Mean style loss: BN 1.000" in v.measured


def channel_stds(log_widths, dead=0):
    """Per seed, 32 channel stds spread evenly in log over ±w (an interquartile range of w),
    the first `dead` of them 0 (never active)."""
    out = np.exp(np.array([np.linspace(-w, w, 32) for w in log_widths]))
    out[:, :dead] = 0.0
    return out


def channels(bn_widths, none_widths, dead=0):
    arrays = {
        "batch_channel_std": channel_stds(bn_widths),
        "none_channel_std": channel_stds(none_widths, dead),
    }
    hist = {"none": runs("val", [0.9] * 3), "batch": runs("val", [0.9] * 3)}
    return make_result("fashion_cnn", {"histories": hist}, arrays=arrays)


@pytest.mark.parametrize(
    ("bn", "none", "outcome"),
    [
        ([0.20, 0.20, 0.25], [3.0, 3.2, 2.8], SUPPORTED),
        ([3.0, 3.2, 2.8], [0.20, 0.20, 0.25], CONTRADICTED),
        ([0.20, 0.20, 0.25], [0.25, 0.25, 0.30], CONTRADICTED),  # 0.05 smaller, margin 0.1
        ([0.2, 2.8, 0.3], [3.0, 0.1, 2.5], WITHIN_NOISE),
    ],
    ids=["bn-uniform", "none-uniform", "below-margin", "seeds-disagree"],
)
def test_bn_channels_more_uniform(bn, none, outcome):
    v = verdict("fm-bn-uniform", channels(bn, none))
    assert v.outcome == outcome, v.measured


def test_dead_channels_are_left_out_and_counted():
    v = verdict("fm-bn-uniform", channels([0.2, 0.2, 0.25], [3.0, 3.2, 2.8], dead=2))
    assert v.outcome == SUPPORTED
    assert "0 with BN, 6 without" in v.measured


CHANCE = math.log(10)


def lr_losses(pairs: dict):
    """`pairs[lr] = (none, batch)` per-seed final training losses."""
    sweep = {
        lr: {
            "none": runs("loss", none),
            "batch": runs("loss", batch),
        }
        for lr, (none, batch) in pairs.items()
    }
    return make_result("lr_sweep", {"sweep": sweep})


LOWER = ([1.0, 1.1, 0.9], [0.30, 0.32, 0.29])  # (without BN, with BN): BN lower on every seed


@pytest.mark.parametrize(
    ("pairs", "outcome"),
    [
        ({"0.1": LOWER, "3.0": LOWER}, SUPPORTED),
        # without BN diverges at 3.0 (nan, inf): counted as chance level, still higher
        ({"0.1": LOWER, "3.0": ([math.nan, math.inf, math.nan], [0.5, 0.6, 0.5])}, SUPPORTED),
        # with BN diverges at 3.0 on every seed
        ({"0.1": LOWER, "3.0": ([0.5, 0.6, 0.5], [math.inf] * 3)}, CONTRADICTED),
        ({"0.1": LOWER, "3.0": ([1.0, 0.3, 1.1], [0.30, 0.9, 0.31])}, WITHIN_NOISE),
        ({"0.1": LOWER, "3.0": ([CHANCE] * 3, [math.nan] * 3)}, WITHIN_NOISE),  # both diverge
    ],
    ids=["lower", "plain-diverges", "bn-diverges", "seeds-disagree", "both-diverge"],
)
def test_bn_lower_train_loss_everywhere(pairs, outcome):
    v = verdict("lr-bn-train-loss-lower", lr_losses(pairs))
    assert v.outcome == outcome, v.measured
    assert "ln 10 = 2.30" in v.measured


@pytest.mark.parametrize(
    ("variants", "outcome"),
    [
        # BN's gradient changes less (relative) and keeps its direction better
        ({"none": {"rel": [1.0, 1.1, 0.9], "cos": [0.30, 0.35, 0.25]}, "batch": {}}, SUPPORTED),
        # the other way round on both
        ({"none": {"rel": [0.2, 0.25, 0.2], "cos": [0.9, 0.9, 0.85]}, "batch": {}}, CONTRADICTED),
        # smaller change, but a larger cosine: any contradiction decides
        ({"none": {"rel": [1.0, 1.1, 0.9], "cos": [0.9, 0.9, 0.85]}, "batch": {}}, CONTRADICTED),
        # smaller change, cosine seeds disagree
        ({"none": {"rel": [1.0, 1.1, 0.9], "cos": [0.1, 0.9, 0.2]}, "batch": {}}, WITHIN_NOISE),
    ],
    ids=["both", "neither", "mixed", "cos-disagree"],
)
def test_santurkar_bn_reduces_ics(variants, outcome):
    batch = {"rel": [0.50, 0.52, 0.48], "cos": [0.60, 0.62, 0.58]}
    v = verdict("santurkar-bn-reduces-ics", santurkar(none=variants["none"], batch=batch))
    assert v.outcome == outcome, v.measured
    assert len(v.comparisons) == 2 and "unscaled" in v.measured


@pytest.mark.parametrize(
    ("none", "outcome"),
    [
        ([20.0, 22.0, 19.0], SUPPORTED),
        ([5.0, 5.5, 4.5], CONTRADICTED),
        ([20.0, 5.0, 18.0], WITHIN_NOISE),
        ([20.0], WITHIN_NOISE),
    ],
    ids=["higher-without", "lower-without", "seeds-disagree", "one-seed"],
)
def test_santurkar_beta(none, outcome):
    bn = [10.0, 10.5, 9.5][: len(none)]
    v = judgment("santurkar-beta", santurkar(none={"beta": none}, batch={"beta": bn}))
    assert v.outcome == outcome, v.measured


@pytest.mark.parametrize(
    ("none", "outcome"),
    [
        ({"loss_range": [0.5, 0.6, 0.4], "grad": [3.0, 3.2, 2.8]}, SUPPORTED),
        ({"loss_range": [0.05, 0.06, 0.04], "grad": [0.3, 0.32, 0.28]}, CONTRADICTED),
        ({"loss_range": [0.5, 0.6, 0.4], "grad": [3.0, 0.1, 2.8]}, WITHIN_NOISE),
    ],
    ids=["rougher-without", "smoother-without", "grad-disagrees"],
)
def test_santurkar_smoother(none, outcome):
    bn = {"loss_range": [0.10, 0.11, 0.09], "grad": [1.0, 1.05, 0.95]}
    v = verdict("santurkar-smoother", santurkar(none=none, batch=bn))
    assert v.outcome == outcome, v.measured


# ---------------------------------------------------------------------------------------------
# Previews and measurements: what a claim shows when it is not judged

# a full-profile result on which a claim judged under "full" is supported, for the claims that
# are not in ACCURACY_CLAIMS (whose LARGE case is)
SUPPORTING = {
    "fm-bn-uniform": lambda: channels([0.20, 0.20, 0.25], [3.0, 3.2, 2.8]),
    "style-in-lower-loss": lambda: style(BN_STYLE, np.multiply(BN_STYLE, 0.5)),
    "wuhe-gn-flat": lambda: val_by_size({"group": flat_to_32_then_off}),
    "overhead-onepass-target": lambda: onepass([1.30, 1.31, 1.29, 1.30, 1.30]),
    "overhead-folded-inference": lambda: remedies(np.full(5, 1.3), np.ones(5)),
}


def supporting(claim_id: str) -> Result:
    if claim_id in ACCURACY_CLAIMS:
        return ACCURACY_CLAIMS[claim_id][0](*LARGE)
    return SUPPORTING[claim_id]()


def registered(**fields) -> list[str]:
    """The ids of the registered claims with the given field values."""
    return sorted(
        c.id
        for c in claims.all_claims().values()
        if all(getattr(c, k) == v for k, v in fields.items())
    )


@pytest.mark.parametrize("claim_id", registered(judged_under="full"))
def test_claims_judged_under_full_are_previews_on_quick_results(claim_id):
    """A quick run cannot resolve the margin of a claim judged under "full": on a quick result
    the claim shows its comparisons with their intervals, measured and not judged; on the same
    payload with the full profile it is judged (here: supported)."""
    full = supporting(claim_id)
    judged = verdict(claim_id, full)
    assert judged.outcome == SUPPORTED and f" — {SUPPORTED}" in judged.measured, judged.measured
    preview = verdict(claim_id, dataclasses.replace(full, profile="quick"))
    assert preview.outcome == MEASURED
    assert preview.measured.startswith(claims.PREVIEW) and "95 % interval" in preview.measured
    assert f" — {SUPPORTED}" not in preview.measured
    assert preview.comparisons == judged.comparisons


def test_claims_judged_under_quick_are_judged_on_quick_results():
    assert claims.get("curves-bn-final-higher").judged_under == "quick"
    quick = dataclasses.replace(curves(*LARGE), profile="quick")
    assert verdict("curves-bn-final-higher", quick).outcome == SUPPORTED


def lag_by(diffs):
    """BN after the first epoch: re-estimated statistics `diffs` points above the moving
    averages, per seed."""
    return curves_lag(*around(0, diffs))


def folding_by(diffs):
    """An inference batch takes `diffs` % longer with Keras' BN than with BN folded, per repeat."""
    result = overhead(STEP_S[: len(diffs)], STEP_S[: len(diffs)] * 1.5)
    t = result.payload["timings"]
    keras = np.asarray(t["batch"]["inference_s"])
    t["batch_folded"] = {"inference_s": list(keras / (1 + np.asarray(diffs) / 100))}
    return result


def floor_by(diffs):
    """A scale and shift at BN's places makes a training step `diffs` % slower, per repeat."""
    steps = STEP_S[: len(diffs)]
    result = overhead(steps, steps * 1.5)
    t = result.payload["timings"]
    t["affine"] = {"train_step_s": list(steps * (1 + np.asarray(diffs) / 100))}
    result.payload["memory_floor_s"] = 0.002
    result.payload["median"] = {"none": {"train_step_s": 0.020}}
    return result


def points_above(build, base=0.9):
    """`build(a, b)` with A `diffs` points above B on each seed."""
    return lambda diffs: build([base + d / 100 for d in diffs], [base] * len(diffs))


MEASUREMENTS = {  # claim -> builder: per-seed (or per-repeat) differences -> result
    "curves-moving-lag": lag_by,
    "overhead-folding-gain": folding_by,
    # judged until 2026-12-08; measurements since (their runs cannot resolve their margins)
    "bn-replaces-dropout": points_above(dropout_val),
    "finetune-trainable-better": points_above(finetune),
    "overhead-floor": floor_by,
    "santurkar-beta": lambda d: santurkar(
        none={"beta": [10.0 + x for x in d]}, batch={"beta": [10.0] * len(d)}
    ),
}


@pytest.mark.parametrize("profile", ["quick", "full"])
@pytest.mark.parametrize(
    "diffs", [(15, 16, 13), (-15, -16, -13), (15,)], ids=["large", "reversed", "one-seed"]
)
@pytest.mark.parametrize(
    "claim_id",
    registered(kind="measurement"),
)
def test_measurements_are_never_judged(claim_id, diffs, profile):
    """A measurement shows a difference with its interval under any profile, whatever the
    difference: measured, never supported or contradicted."""
    result = dataclasses.replace(MEASUREMENTS[claim_id](diffs), profile=profile)
    v = verdict(claim_id, result)
    (c,) = v.comparisons
    assert c.diffs == pytest.approx(diffs)  # what it measures, as built
    assert "95 % interval" in v.measured
    assert v.outcome == MEASURED, v.measured


# ---------------------------------------------------------------------------------------------
# Checks: facts true by construction pass, and fail when the fact is broken


def percentile_runs(drifts, steps=55):
    """Per seed, layer-input percentiles (5/15/50/85/95) moving by `drift` over training."""
    base = np.array([-1.6, -1.0, 0.0, 1.0, 1.6])
    return [
        {
            "quantiles": [5, 15, 50, 85, 95],
            "probe_steps": list(range(0, 10 * steps, 10)),
            "percentiles": (base + np.linspace(0, d, steps)[:, None]).tolist(),
        }
        for d in drifts
    ]


def activation_shift(none, batch):
    hist = {"none": percentile_runs(none), "batch": percentile_runs(batch)}
    return make_result("activation_shift", {"histories": hist})


def layer_stats(normalized_std=None, normalized_mean=1e-5, params=None):
    input_std = np.tile(np.logspace(-2, 1, 32), (5, 1))  # variances 1e-4 … 100
    if normalized_std is None:  # what Keras' BN gives: √(σ²/(σ² + ε))
        normalized_std = np.sqrt(input_std**2 / (input_std**2 + 1e-3))
    arrays = {
        "input_std": input_std,
        "normalized_mean": np.full((5, 32), normalized_mean),
        "normalized_std": normalized_std,
    }
    params = {"with_bn": 54538, "without_bn": 54410, "bn_trainable": 64, "bn_channels": 32} | (
        params or {}
    )
    return make_result(
        "bn_layer_stats", {"summary": "", "params": params}, arrays=arrays, spec={"seeds": [0]}
    )


def finetune_changes(frozen, trainable):
    result = finetune([0.9] * len(frozen), [0.9] * len(frozen))
    for r, x in zip(result.payload["histories"]["bn_frozen"], frozen, strict=True):
        r["max_moving_mean_change"] = x
    for r, x in zip(result.payload["histories"]["bn_trainable"], trainable, strict=True):
        r["max_moving_mean_change"] = x
    return result


def ioffe_percentiles(none_drift, batch_drift):
    """(seeds, 81 evaluations, 15/50/85th percentiles, 100 units) moving by the drift."""
    base = np.array([-1.0, 0.0, 1.0])[:, None] + np.linspace(-0.5, 0.5, 100)

    def arr(drifts):
        t = np.linspace(0, 1, 81)[None, :, None, None]
        return base[None, None] + np.asarray(drifts)[:, None, None, None] * t

    result = ioffe(ioffe_whole)(*LARGE)
    result.arrays = {"none_percentiles": arr(none_drift), "batch_percentiles": arr(batch_drift)}
    return result


def noise_jitter(none, batch, noisy):
    return santurkar(none={"jitter": none}, batch={"jitter": batch}, noisy_batch={"jitter": noisy})


@pytest.mark.parametrize(
    ("claim_id", "result", "outcome"),
    [
        ("shift-bn-stable", lambda: activation_shift([2.0, 1.5, 2.5], [0.1, 0.2, 0.1]), PASSES),
        ("shift-bn-stable", lambda: activation_shift([2.0, 1.5, 2.5], [0.1, 1.6, 0.1]), FAILS),
        ("bn-unit-std", lambda: layer_stats(), PASSES),
        # dividing by σ instead of √(σ² + ε): unit std even where σ² is far below ε
        ("bn-unit-std", lambda: layer_stats(normalized_std=np.ones((5, 32))), FAILS),
        ("bn-unit-std", lambda: layer_stats(normalized_mean=0.05), FAILS),  # not centred
        ("bn-params", lambda: layer_stats(), PASSES),
        ("bn-params", lambda: layer_stats(params={"with_bn": 54474}), FAILS),  # 2 per channel
        ("bn-params", lambda: layer_stats(params={"bn_trainable": 128}), FAILS),
        # 4 per channel, but over 1 % of a small model
        ("bn-params", lambda: layer_stats(params={"with_bn": 1128, "without_bn": 1000}), FAILS),
        ("finetune-frozen-stats", lambda: finetune_changes([0.0] * 3, [1.8, 0.4, 2.0]), PASSES),
        ("finetune-frozen-stats", lambda: finetune_changes([0.0, 1e-7, 0.0], [1.8] * 3), FAILS),
        ("finetune-frozen-stats", lambda: finetune_changes([0.0] * 3, [1.8, 0.0, 2.0]), FAILS),
        ("style-bn-batch-dependent", lambda: style(BN_STYLE, BN_STYLE, (0.4, 0.0)), PASSES),
        ("style-bn-batch-dependent", lambda: style(BN_STYLE, BN_STYLE, (0.4, 0.01)), FAILS),
        ("style-bn-batch-dependent", lambda: style(BN_STYLE, BN_STYLE, (0.0, 0.0)), FAILS),
        ("ioffe-stable-inputs", lambda: ioffe_percentiles([2.0, 1.5, 2.5], [0.1] * 3), PASSES),
        ("ioffe-stable-inputs", lambda: ioffe_percentiles([2.0, 1.5, 2.5], [0.1, 1.6, 0]), FAILS),
        ("santurkar-noise-shifts", lambda: noise_jitter([0.01] * 3, [0.02] * 3, [0.3] * 3), PASSES),
        (
            "santurkar-noise-shifts",
            lambda: noise_jitter([0.01, 0.4, 0.01], [0.02] * 3, [0.3] * 3),
            FAILS,
        ),
    ],
)
def test_check_passes_or_fails(claim_id, result, outcome):
    assert claims.get(claim_id).kind == "check"
    v = verdict(claim_id, result())
    assert v.outcome == outcome, v.measured
    assert not v.comparisons and any(ch.isdigit() for ch in v.measured)


def test_check_texts_state_the_numbers():
    v = verdict("bn-params", layer_stats())
    assert "128 parameters added for 32 channels (64 trainable" in v.measured
    assert "0.23% of 54,538" in v.measured
    v = verdict("shift-bn-stable", activation_shift([2.0, 1.5, 2.5], [0.1, 0.2, 0.1]))
    assert "with BN 0.05, 0.10, 0.05; without BN 1.00, 0.75, 1.25" in v.measured
    v = verdict("finetune-frozen-stats", finetune_changes([0.0] * 3, [1.8, 0.4, 2.0]))
    assert "frozen 0, trainable 0.4–2" in v.measured
