"""Claims of the reproductions section: each paper's headline finding, checked on our runs."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, finals
from bnviz.claims.alternatives import errors_by_batch_size, errors_row
from bnviz.figures.reproductions import SANTURKAR_LABELS, percentile_drift
from bnviz.results import Result

IOFFE_TARGET = 0.90  # test accuracy the "faster" claim counts steps to


def _steps_to(run: dict, target: float) -> int | None:
    hits = np.flatnonzero(np.asarray(run["test_accuracy"]) >= target)
    return int(run["test_steps"][hits[0]]) if hits.size else None


def _fmt_steps(values, last: int) -> str:
    return ", ".join(f"{v:,}" if v is not None else f">{last:,}" for v in values)


def ioffe_bn_faster(result: Result) -> Verdict:
    h, last = result.payload["histories"], result.spec["steps"]
    steps = {v: [_steps_to(r, IOFFE_TARGET) for r in h[v]] for v in ("none", "batch")}
    inf = float("inf")
    faster = all(
        (b if b is not None else inf) < (n if n is not None else inf)
        for b, n in zip(steps["batch"], steps["none"], strict=True)
    )
    return Verdict(
        faster,
        f"steps to {IOFFE_TARGET:.0%} test accuracy per seed: with BN "
        f"{_fmt_steps(steps['batch'], last)}; without BN {_fmt_steps(steps['none'], last)}.",
    )


EARLY = 0.05  # "early in training": the first 5% of the steps


def ioffe_bn_ahead_early(result: Result) -> Verdict:
    h, last = result.payload["histories"], result.spec["steps"]
    steps = np.asarray(h["batch"][0]["test_steps"])
    early = (steps > 0) & (steps <= EARLY * last)
    acc = {v: np.array([r["test_accuracy"] for r in h[v]])[:, early] for v in ("none", "batch")}
    mean = {v: acc[v].mean(axis=0) for v in acc}
    cells = ", ".join(
        f"step {s:,}: {b:.1%} vs {n:.1%}"
        for s, b, n in zip(steps[early], mean["batch"], mean["none"], strict=True)
    )
    return Verdict(
        bool(np.all(acc["batch"] > acc["none"])),
        f"test accuracy with vs without BN (mean over seeds) in the first {EARLY:.0%} of "
        f"training — {cells}.",
    )


def _final_test(runs) -> np.ndarray:
    return np.array([r["test_accuracy"][-1] for r in runs])


def ioffe_bn_higher(result: Result) -> Verdict:
    h = result.payload["histories"]
    bn, none = _final_test(h["batch"]), _final_test(h["none"])
    return Verdict(
        bool(bn.min() > none.max()),
        f"test accuracy after {result.spec['steps']:,} steps: with BN {bn.mean():.1%} (seeds "
        f"{bn.min():.1%}–{bn.max():.1%}), without BN {none.mean():.1%} (seeds "
        f"{none.min():.1%}–{none.max():.1%}).",
    )


def ioffe_stable_inputs(result: Result) -> Verdict:
    # median over the 100 units of each seed's per-unit drift
    drift = {
        v: np.median(percentile_drift(result.arrays[f"{v}_percentiles"]), axis=-1)
        for v in ("none", "batch")
    }
    return Verdict(
        bool(drift["batch"].max() < drift["none"].min()),
        "median over the 100 units of how far a unit's 15th/50th/85th percentiles move during "
        f"training, per seed: with BN {', '.join(f'{d:.2f}' for d in drift['batch'])}; "
        f"without BN {', '.join(f'{d:.2f}' for d in drift['none'])} (sigmoid-input units).",
    )


def noisy_bn_trains(result: Result) -> Verdict:
    h = result.payload["histories"]
    acc = {v: float(finals(h[v], "train_accuracy").mean()) for v in h}
    val = {v: float(finals(h[v], "val_accuracy").mean()) for v in h}
    return Verdict(
        acc["noisy_batch"] > acc["none"],
        "final training accuracy (training mode, noise on; mean over seeds): "
        + ", ".join(f"{SANTURKAR_LABELS[v]} {a:.1%}" for v, a in acc.items())
        + "; validation accuracy (inference mode, noise off): "
        + ", ".join(f"{SANTURKAR_LABELS[v]} {a:.1%}" for v, a in val.items())
        + ".",
    )


def _median_jitter(run) -> float:
    """Mean absolute change of the probed layer's median between consecutive measurements."""
    median = np.asarray(run["percentiles"])[:, len(run["quantiles"]) // 2]
    return float(np.mean(np.abs(np.diff(median))))


def noise_shifts_inputs(result: Result) -> Verdict:
    h = result.payload["histories"]
    jitter = {v: [_median_jitter(r) for r in h[v]] for v in h}
    others = [j for v, runs in jitter.items() if v != "noisy_batch" for j in runs]
    return Verdict(
        min(jitter["noisy_batch"]) > max(others),
        "mean change of the probed layer input's median between measurements, per seed: "
        + "; ".join(
            f"{SANTURKAR_LABELS[v]} {', '.join(f'{j:.3f}' for j in js)}" for v, js in jitter.items()
        )
        + ".",
    )


def _mean(runs, key) -> float:
    """Mean over seeds of the mean over measurements (and layers)."""
    return float(np.mean([np.mean(r[key]) for r in runs]))


def bn_reduces_ics(result: Result) -> Verdict:
    h = result.payload["histories"]
    m = {
        k: {v: _mean(h[v], f"opt_ics_{k}") for v in ("none", "batch")} for k in ("l2", "rel", "cos")
    }
    return Verdict(
        m["rel"]["batch"] < m["rel"]["none"] and m["cos"]["batch"] > m["cos"]["none"],
        f"mean over layers, steps and seeds — ‖G − G′‖₂ / ‖G‖₂: with BN {m['rel']['batch']:.3f}, "
        f"without {m['rel']['none']:.3f}; cos(G, G′): with BN {m['cos']['batch']:.3f}, without "
        f"{m['cos']['none']:.3f}; the paper's unscaled ‖G − G′‖₂: with BN {m['l2']['batch']:.3f}, "
        f"without {m['l2']['none']:.3f}.",
    )


def bn_smoother_landscape(result: Result) -> Verdict:
    h = result.payload["histories"]

    def loss_stat(v, f):
        return float(
            np.mean(
                [
                    f(np.asarray(r["opt_loss_max"]), np.asarray(r["opt_loss_min"])).mean()
                    for r in h[v]
                ]
            )
        )

    ranges = {v: loss_stat(v, np.subtract) for v in ("none", "batch")}
    ratios = {v: loss_stat(v, np.divide) for v in ("none", "batch")}
    change = {v: _mean(h[v], "opt_grad_change") for v in ("none", "batch")}
    return Verdict(
        ranges["batch"] < ranges["none"] and change["batch"] < change["none"],
        f"mean over steps and seeds — loss range along the gradient: with BN "
        f"{ranges['batch']:.3f}, without {ranges['none']:.3f} (highest / lowest loss: "
        f"{ratios['batch']:.2f} vs {ratios['none']:.2f}); largest gradient change: with BN "
        f"{change['batch']:.2f}, without {change['none']:.2f}.",
    )


def bn_lower_beta(result: Result) -> Verdict:
    h = result.payload["histories"]
    beta = {v: [float(np.mean(r["opt_beta"])) for r in h[v]] for v in ("none", "batch")}
    half = {
        v: float(np.mean([np.mean(r["opt_beta"][len(r["opt_beta"]) // 2 :]) for r in h[v]]))
        for v in ("none", "batch")
    }
    return Verdict(
        max(beta["batch"]) < min(beta["none"]),
        "effective β-smoothness (largest gradient change / step length), mean over steps, per "
        f"seed: with BN {', '.join(f'{b:.1f}' for b in beta['batch'])}; without "
        f"{', '.join(f'{b:.1f}' for b in beta['none'])} (second half of training only: "
        f"{half['batch']:.1f} vs {half['none']:.1f}).",
    )


def gn_flat_like_wu_he(result: Result) -> Verdict:
    sizes, errors = errors_by_batch_size(result)
    keep = [i for i, s in enumerate(sizes) if s <= 32]
    gn = errors["group"][keep]
    return Verdict(
        float(np.ptp(gn)) <= 0.01,
        f"Group Norm validation error at batch sizes 2–32 — "
        f"{errors_row([sizes[i] for i in keep], gn)} (range {np.ptp(gn) * 100:.1f} points).",
    )


CLAIMS = [
    Claim(
        "ioffe-bn-faster",
        f"With BN the sigmoid MLP reaches {IOFFE_TARGET:.0%} test accuracy in fewer steps "
        "(every seed).",
        "ioffe_fig1",
        ioffe_bn_faster,
        expected=False,
    ),
    Claim(
        "ioffe-bn-ahead-early",
        f"In the first {EARLY:.0%} of training, the sigmoid MLP with BN has the higher test "
        "accuracy at every evaluation (every seed).",
        "ioffe_fig1",
        ioffe_bn_ahead_early,
    ),
    Claim(
        "ioffe-bn-higher",
        "With BN the sigmoid MLP ends with a higher test accuracy (no overlap between seeds).",
        "ioffe_fig1",
        ioffe_bn_higher,
        expected=False,
    ),
    Claim(
        "ioffe-stable-inputs",
        "With BN the last hidden layer's sigmoid inputs keep a more stable distribution over "
        "training (every seed, median over all 100 units).",
        "ioffe_fig1",
        ioffe_stable_inputs,
    ),
    Claim(
        "santurkar-noise-shifts",
        "The injected noise makes the layer input's distribution move between measurements more "
        "than in the standard or the BN network (every seed).",
        "santurkar",
        noise_shifts_inputs,
    ),
    Claim(
        "santurkar-noisy-trains",
        "BN followed by non-stationary noise still trains better than the network without BN "
        "(higher final training accuracy).",
        "santurkar",
        noisy_bn_trains,
    ),
    Claim(
        "santurkar-bn-reduces-ics",
        "BN reduces internal covariate shift as Santurkar et al. measure it: a smaller gradient "
        "change ‖G − G′‖ relative to ‖G‖, and a larger cos(G, G′).",
        "santurkar",
        bn_reduces_ics,
        expected=False,
    ),
    Claim(
        "santurkar-beta",
        "With BN the gradient changes less per unit of distance moved along it (a lower "
        "effective β-smoothness, every seed).",
        "santurkar",
        bn_lower_beta,
    ),
    Claim(
        "santurkar-smoother",
        "With BN the loss landscape along the gradient is smoother: a smaller loss range and a "
        "smaller gradient change.",
        "santurkar",
        bn_smoother_landscape,
    ),
    Claim(
        "wuhe-gn-flat",
        "Group Norm's error varies by at most 1 point across batch sizes 2–32, as in Wu & He "
        "(24.0–24.2%).",
        "batch_size_sweep",
        gn_flat_like_wu_he,
        expected=False,
    ),
]
