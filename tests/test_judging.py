"""The one verdict rule: its interval, its three outcomes, and how claims combine."""

import math

import numpy as np
import pytest
from scipy import stats

from bnviz import judging
from bnviz.judging import CONTRADICTED, SUPPORTED, WITHIN_NOISE, Comparison, combine


def test_interval_is_a_t_interval_over_seed_and_evaluation_error():
    diffs = (1.0, 2.0, 4.0, 3.0, 5.0)
    c = Comparison("d", diffs, margin=0.0, eval_se=0.5)
    seed_se = np.std(diffs, ddof=1) / math.sqrt(5)
    half = stats.t.ppf(0.975, 4) * math.sqrt(seed_se**2 + 0.5**2)
    assert c.interval == pytest.approx((3.0 - half, 3.0 + half))


@pytest.mark.parametrize(
    ("diffs", "margin", "outcome"),
    [
        ((5.0, 5.2, 4.9, 5.1, 5.0), 1.0, SUPPORTED),  # interval well above the margin
        ((0.1, 0.2, 0.0, 0.1, 0.1), 1.0, CONTRADICTED),  # interval well below it
        ((-3.0, 4.0, 1.0, 6.0, -2.0), 1.0, WITHIN_NOISE),  # straddles it
    ],
)
def test_greater_outcomes(diffs, margin, outcome):
    assert Comparison("d", diffs, margin).outcome == outcome


@pytest.mark.parametrize(
    ("diffs", "outcome"),
    [
        ((0.1, -0.1, 0.0, 0.05, -0.05), SUPPORTED),  # inside ±1
        ((3.0, 3.1, 2.9, 3.0, 3.05), CONTRADICTED),  # wholly outside
        ((0.5, 1.5, 0.8, 1.2, 1.0), WITHIN_NOISE),  # crosses the edge
    ],
)
def test_within_outcomes(diffs, outcome):
    assert Comparison("d", diffs, 1.0, kind="within").outcome == outcome


def test_a_consistent_tiny_difference_on_a_small_evaluation_set_is_within_noise():
    # the review's case: dropout vs BN decided by 0.04 points on 750 validation images
    c = judging.accuracies("d", [0.9504, 0.9510, 0.9507], [0.9500, 0.9506, 0.9503], 750, margin=0.0)
    assert c.outcome == WITHIN_NOISE
    assert c.eval_se == pytest.approx(judging.accuracy_se(0.9507, 0.9503, 750), rel=1e-3)


def test_the_evaluation_term_shrinks_with_more_images():
    small = judging.accuracies("d", [0.92, 0.93, 0.925], [0.90, 0.91, 0.905], 750)
    large = judging.accuracies("d", [0.92, 0.93, 0.925], [0.90, 0.91, 0.905], 100_000)
    assert large.half_width < small.half_width
    assert large.outcome == SUPPORTED and small.outcome == WITHIN_NOISE


def test_one_seed_gives_no_interval():
    c = Comparison("d", (50.0,), 0.0)
    assert math.isinf(c.half_width) and c.outcome == WITHIN_NOISE


def test_combine_every_part_must_be_supported_any_contradiction_wins():
    yes = Comparison("a", (5.0, 5.1, 4.9), 1.0)
    no = Comparison("b", (0.0, 0.1, -0.1), 1.0)
    unsure = Comparison("c", (-5.0, 5.0, 1.0), 1.0)
    assert combine([yes, yes]) == SUPPORTED
    assert combine([yes, unsure]) == WITHIN_NOISE
    assert combine([yes, unsure, no]) == CONTRADICTED


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown comparison kind"):
        Comparison("d", (1.0, 2.0), kind="less")


def test_description_states_the_margin_interval_and_outcome():
    text = Comparison("acc", (1.0, 2.0, 3.0), 0.5).describe()
    assert "needed: above 0.5" in text and "95 % interval" in text
    assert text.endswith(judging.combine([Comparison("acc", (1.0, 2.0, 3.0), 0.5)]))
