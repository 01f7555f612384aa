"""Claims of the style-transfer chapter (slide 12)."""

from __future__ import annotations

import numpy as np

from bnviz.claims import Claim, Verdict, checked, judged
from bnviz.judging import WITHIN_NOISE, values
from bnviz.results import Result

STYLE_MARGIN = 10.0  # percent of BN's style loss


def _last(runs, key, n=5):
    return np.array([np.mean(r[key][-n:]) for r in runs])


def instance_norm_lower_style_loss(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn, inorm = _last(runs["batch"], "style_loss"), _last(runs["instance"], "style_loss")
    return judged(
        [
            values(
                "style loss over the last 5 records, (BN − Instance Norm) ÷ BN",
                100 * (bn - inorm) / bn,
                0.0,
                STYLE_MARGIN,
                unit=" %",
                digits=1,
            )
        ],
        f"Mean style loss: BN {bn.mean():.3f}, Instance Norm {inorm.mean():.3f}.",
    )


def bn_output_depends_on_batch(result: Result) -> Verdict:
    runs = result.payload["histories"]
    bn = [r["batch_dependence"] for r in runs["batch"]]
    inorm = [r["batch_dependence"] for r in runs["instance"]]
    return checked(
        min(bn) > 1e-3 and max(inorm) < 1e-5,
        "largest change of one photo's stylized pixels (0–1 scale) when the other photo in its "
        f"batch is swapped, training mode: BN {', '.join(f'{d:.3g}' for d in bn)}; Instance Norm "
        f"{', '.join(f'{d:.1g}' for d in inorm)}.",
    )


CLAIMS = [
    Claim(
        "style-in-lower-loss",
        "With Instance Norm the stylization network ends training with a style loss more than "
        f"{STYLE_MARGIN:g} % lower than with BN.",
        "style_transfer",
        instance_norm_lower_style_loss,
        expected=WITHIN_NOISE,
        source="talk",
        judged_under="full",
    ),
    Claim(
        "style-bn-batch-dependent",
        "In training mode, a BN network's output for one photo changes with the other photo in "
        "its batch; an Instance Norm network's output does not (true by construction: BN "
        "normalizes over the batch, Instance Norm over each image).",
        "style_transfer",
        bn_output_depends_on_batch,
        kind="check",
    ),
]
