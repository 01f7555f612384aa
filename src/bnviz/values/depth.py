"""Values of the depth section (depth: plain stacks of increasing depth, with and
without BN); see `bnviz.values`."""

from __future__ import annotations

from bnviz.claims.depth import best_plain, extremes, final_train, gradient_ratio, plain_runs
from bnviz.results import Result
from bnviz.values import (
    epoch_count,
    pct_range,
    seed_count,
    spec_count,
    table,
)


def accuracy_at(variant: str, deepest: bool):
    """Per-seed range of the final training accuracy at the shallowest or
    deepest depth."""
    return lambda r: pct_range(final_train(r, extremes(r)[deepest], variant))


def gradient_factor(variant: str):
    """Per-seed range of the first ÷ last convolution's initial gradient norm,
    in the deepest stack."""

    def render(r: Result) -> str:
        factors = 10 ** gradient_ratio(r, extremes(r)[1], variant)
        return f"{factors.min():.2g}–{factors.max():.2g}×"

    return render


def best_rates(r: Result) -> str:
    """Per depth, the learning rate at which the plain stack without BN trained best."""
    return ", ".join(
        f"{plain_runs(r, d)[best_plain(r, d)]:g} at depth {d}" for d in r.spec["depths"]
    )


def plain_rates(r: Result) -> str:
    rates = sorted(plain_runs(r, r.spec["depths"][0]).values())
    return ", ".join(f"{lr:g}" for lr in rates[:-1]) + f" and {rates[-1]:g}"


def depth_list(r: Result) -> str:
    depths = [str(d) for d in r.spec["depths"]]
    return ", ".join(depths[:-1]) + f" and {depths[-1]}"


VALUES = table(
    "depth",
    ("depth-list", depth_list, "the depths trained", True),
    ("depth-width", spec_count("width"), "channels of every convolution", True),
    ("depth-epochs", epoch_count, "epochs per run", True),
    ("depth-seeds", seed_count, "seeds per depth and variant", True),
    (
        "depth-lr",
        lambda r: f"{r.spec['train']['learning_rate']:g}",
        "the SGD learning rate of the stacks with BN (and the base rate without)",
        True,
    ),
    (
        "depth-acc-none-shallow",
        accuracy_at("none", False),
        "final training accuracy without BN, shallowest stack, per seed",
    ),
    (
        "depth-acc-none-deep",
        accuracy_at("none", True),
        "final training accuracy without BN, deepest stack, per seed",
    ),
    (
        "depth-acc-bn-shallow",
        accuracy_at("batch", False),
        "final training accuracy with BN, shallowest stack, per seed",
    ),
    (
        "depth-acc-bn-deep",
        accuracy_at("batch", True),
        "final training accuracy with BN, deepest stack, per seed",
    ),
    (
        "depth-acc-residual-deep",
        accuracy_at("residual", True),
        "final training accuracy of the residual stack without BN (SkipInit), deepest, per seed",
    ),
    ("depth-plain-lrs", plain_rates, "the learning rates the stacks without BN are trained at"),
    ("depth-best-lrs", best_rates, "per depth, the best learning rate of the stack without BN"),
    (
        "depth-grad-factor-bn",
        gradient_factor("batch"),
        "first ÷ last convolution's gradient norm at initialization with BN (deepest)",
    ),
    (
        "depth-grad-factor-none",
        gradient_factor("none"),
        "first ÷ last convolution's gradient norm at initialization without BN (deepest)",
    ),
)
