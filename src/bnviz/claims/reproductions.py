"""Claims of the reproductions section: each paper's headline finding, checked on our runs."""

from __future__ import annotations

import numpy as np

from bnviz.analysis import percentile_drift
from bnviz.claims import (
    ADDED,
    REDESIGNED,
    Claim,
    Verdict,
    checked,
    final_verdict,
    finals,
    judged,
    n_eval,
)
from bnviz.claims.alternatives import FLAT_MARGIN, error_range
from bnviz.judging import ACCURACY_MARGIN as MARGIN
from bnviz.judging import CONTRADICTED, WITHIN_NOISE, accuracies, values
from bnviz.results import Result
from bnviz.variants import SANTURKAR_LABELS

EARLY = 0.05  # "early in training": the first 5% of the steps


def _test_curve(runs, keep=None) -> np.ndarray:
    """Per seed, the test accuracy at each evaluation (optionally only those in `keep`)."""
    acc = np.array([r["test_accuracy"] for r in runs])
    return acc if keep is None else acc[:, keep]


def ioffe_bn_faster(result: Result) -> Verdict:
    h = result.payload["histories"]
    return judged(
        [
            accuracies(
                "test accuracy averaged over every evaluation of the run (area under the test "
                "curve), with BN − without",
                _test_curve(h["batch"]).mean(axis=1),
                _test_curve(h["none"]).mean(axis=1),
                n_eval(result, "test"),
                MARGIN,
            )
        ]
    )


def ioffe_bn_ahead_early(result: Result) -> Verdict:
    h, last = result.payload["histories"], result.spec["steps"]
    steps = np.asarray(h["batch"][0]["test_steps"])
    # the evaluations in the first EARLY of the run, and at least the first one after step 0
    early = (steps > 0) & (steps <= max(EARLY * last, steps[steps > 0].min()))
    return judged(
        [
            accuracies(
                f"test accuracy averaged over the evaluations in the first {EARLY:.0%} of "
                f"training (steps {steps[early][0]:,}–{steps[early][-1]:,}), with BN − without",
                _test_curve(h["batch"], early).mean(axis=1),
                _test_curve(h["none"], early).mean(axis=1),
                n_eval(result, "test"),
                MARGIN,
            )
        ]
    )


def ioffe_bn_faster_at_higher_lr(result: Result) -> Verdict:
    """BN at `bn_lr_scale` times the rate chosen for the network without BN, against BN at
    that rate: the paper's "BN permits higher learning rates"."""
    h, higher = result.payload["histories"], result.payload["higher_lr"]
    scale = result.spec["bn_lr_scale"]
    return judged(
        [
            accuracies(
                "test accuracy of the MLP with BN averaged over every evaluation of the run, "
                f"learning rate {higher['learning_rate']:g} ({scale:g}×) − "
                f"{result.payload['learning_rate']:g}",
                _test_curve(higher["batch"]).mean(axis=1),
                _test_curve(h["batch"]).mean(axis=1),
                n_eval(result, "test"),
                MARGIN,
            )
        ]
    )


def ioffe_bn_higher(result: Result) -> Verdict:
    h = result.payload["histories"]
    return judged(
        [
            accuracies(
                f"test accuracy after {result.spec['steps']:,} steps, with BN − without",
                _test_curve(h["batch"])[:, -1],
                _test_curve(h["none"])[:, -1],
                n_eval(result, "test"),
                MARGIN,
            )
        ]
    )


def ioffe_stable_inputs(result: Result) -> Verdict:
    # median over the 100 units of each seed's per-unit drift
    drift = {
        v: np.median(percentile_drift(result.arrays[f"{v}_percentiles"]), axis=-1)
        for v in ("none", "batch")
    }
    return checked(
        bool(drift["batch"].max() < drift["none"].min()),
        "median over the 100 units of how far a unit's 15th/50th/85th percentiles move during "
        f"training, per seed: with BN {', '.join(f'{d:.2f}' for d in drift['batch'])}; "
        f"without BN {', '.join(f'{d:.2f}' for d in drift['none'])} (sigmoid-input units).",
    )


def noisy_bn_trains(result: Result) -> Verdict:
    h = result.payload["histories"]
    validation = ", ".join(
        f"{SANTURKAR_LABELS[v]} {finals(h[v], 'val_accuracy').mean():.1%}" for v in h
    )
    return final_verdict(
        result,
        "final training accuracy (training mode, noise on), noisy BN − no BN",
        "noisy_batch",
        "none",
        MARGIN,
        "train",
        f"Validation accuracy (inference mode, noise off), mean over seeds: {validation}.",
        key="train_accuracy",
    )


def _median_jitter(run) -> float:
    """Mean absolute change of the probed layer's median between consecutive measurements."""
    median = np.asarray(run["percentiles"])[:, len(run["quantiles"]) // 2]
    return float(np.mean(np.abs(np.diff(median))))


def noise_shifts_inputs(result: Result) -> Verdict:
    h = result.payload["histories"]
    jitter = {v: [_median_jitter(r) for r in h[v]] for v in h}
    others = [j for v, runs in jitter.items() if v != "noisy_batch" for j in runs]
    return checked(
        min(jitter["noisy_batch"]) > max(others),
        "mean change of the probed layer input's median between measurements, per seed: "
        + "; ".join(
            f"{SANTURKAR_LABELS[v]} {', '.join(f'{j:.3f}' for j in js)}" for v, js in jitter.items()
        )
        + ".",
    )


def _per_seed(runs, key) -> np.ndarray:
    """Per seed, the mean over measurements (and layers) of `key`."""
    return np.array([np.mean(r[key]) for r in runs])


def bn_reduces_ics(result: Result) -> Verdict:
    h = result.payload["histories"]
    bn, none = h["batch"], h["none"]
    return judged(
        [
            values(
                "‖G − G′‖₂ / ‖G‖₂, without BN − with BN",
                _per_seed(none, "opt_ics_rel"),
                _per_seed(bn, "opt_ics_rel"),
            ),
            values(
                "cos(G, G′), with BN − without",
                _per_seed(bn, "opt_ics_cos"),
                _per_seed(none, "opt_ics_cos"),
            ),
        ],
        "Mean over layers, steps and seeds of the paper's unscaled ‖G − G′‖₂: with BN "
        f"{_per_seed(bn, 'opt_ics_l2').mean():.3f}, without "
        f"{_per_seed(none, 'opt_ics_l2').mean():.3f}.",
    )


def _loss_range(runs) -> np.ndarray:
    return np.array([np.mean(np.subtract(r["opt_loss_max"], r["opt_loss_min"])) for r in runs])


def bn_smoother_landscape(result: Result) -> Verdict:
    h = result.payload["histories"]
    bn, none = h["batch"], h["none"]
    return judged(
        [
            values(
                "loss range along the gradient, without BN − with BN",
                _loss_range(none),
                _loss_range(bn),
            ),
            values(
                "largest gradient change along the gradient, without BN − with BN",
                _per_seed(none, "opt_grad_change"),
                _per_seed(bn, "opt_grad_change"),
            ),
        ]
    )


def bn_lower_beta(result: Result) -> Verdict:
    h = result.payload["histories"]
    return judged(
        [
            values(
                "effective β-smoothness (largest gradient change ÷ step length), mean over "
                "steps, without BN − with BN",
                _per_seed(h["none"], "opt_beta"),
                _per_seed(h["batch"], "opt_beta"),
            )
        ]
    )


def gn_flat_like_wu_he(result: Result) -> Verdict:
    sizes = [s for s in (int(b) for b in result.payload["sweep"]) if s <= 32]
    return judged([error_range(result, "group", sizes)])


CLAIMS = [
    Claim(
        "ioffe-bn-faster",
        "With BN the sigmoid MLP learns faster: its test accuracy averaged over the whole run "
        f"(the area under the test curve) is more than {MARGIN:g} points higher.",
        "ioffe_fig1",
        ioffe_bn_faster,
        expected=WITHIN_NOISE,
        source="Ioffe & Szegedy (2015)",
    ),
    Claim(
        "ioffe-bn-ahead-early",
        f"In the first {EARLY:.0%} of training, the sigmoid MLP with BN is more than "
        f"{MARGIN:g} points more accurate on the test set (averaged over those evaluations).",
        "ioffe_fig1",
        ioffe_bn_ahead_early,
        source="Ioffe & Szegedy (2015)",
    ),
    Claim(
        "ioffe-bn-higher",
        f"With BN the sigmoid MLP ends more than {MARGIN:g} points more accurate on the test set.",
        "ioffe_fig1",
        ioffe_bn_higher,
        expected=WITHIN_NOISE,
        source="Ioffe & Szegedy (2015)",
    ),
    Claim(
        "ioffe-stable-inputs",
        "With BN the last hidden layer's sigmoid inputs are BN's output, normalized per batch by "
        "construction, so their distribution keeps more stable over training (every seed, median "
        "over all 100 units). This verifies the probe, not a property BN could lack.",
        "ioffe_fig1",
        ioffe_stable_inputs,
        kind="check",
    ),
    Claim(
        "santurkar-noise-shifts",
        "The injected noise makes the layer input's distribution move between measurements more "
        "than in the standard or the BN network (every seed) — true by construction: it is "
        "what the noise is for.",
        "santurkar",
        noise_shifts_inputs,
        kind="check",
    ),
    Claim(
        "santurkar-noisy-trains",
        "BN followed by non-stationary noise still trains better than the network without BN: "
        f"its final training accuracy is more than {MARGIN:g} points higher.",
        "santurkar",
        noisy_bn_trains,
        source="Santurkar et al. (2018)",
    ),
    Claim(
        "santurkar-bn-reduces-ics",
        "BN reduces internal covariate shift as Santurkar et al. measure it: a smaller gradient "
        "change ‖G − G′‖ relative to ‖G‖, and a larger cos(G, G′).",
        "santurkar",
        bn_reduces_ics,
        expected=CONTRADICTED,
        source="Ioffe & Szegedy (2015)",
    ),
    Claim(
        "santurkar-beta",
        "With BN the gradient changes less per unit of distance moved along it (a lower "
        "effective β-smoothness).",
        "santurkar",
        bn_lower_beta,
        source="Santurkar et al. (2018)",
    ),
    Claim(
        "santurkar-smoother",
        "With BN the loss landscape along the gradient is smoother: a smaller loss range and a "
        "smaller gradient change.",
        "santurkar",
        bn_smoother_landscape,
        source="Santurkar et al. (2018)",
    ),
    Claim(
        "wuhe-gn-flat",
        f"Group Norm's error varies by less than {FLAT_MARGIN:g} point across batch sizes 2–32 "
        "(Wu & He: 24.0–24.2 %).",
        "batch_size_sweep",
        gn_flat_like_wu_he,
        expected=WITHIN_NOISE,
        source="Wu & He (2018)",
        note=REDESIGNED,
    ),
    Claim(
        "ioffe-bn-higher-lr",
        "BN permits a higher learning rate: at 5× the rate chosen for the network without BN, "
        "the MLP with BN learns faster (test accuracy averaged over the run is more than "
        f"{MARGIN:g} points higher) than at the chosen rate.",
        "ioffe_fig1",
        ioffe_bn_faster_at_higher_lr,
        source="Ioffe & Szegedy (2015)",
        note=ADDED,
    ),
]
