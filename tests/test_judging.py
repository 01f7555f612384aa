"""The one verdict rule: its interval, its three outcomes, and how claims combine."""

import math

import numpy as np
import pytest
from scipy import stats

from bnviz import judging
from bnviz.judging import CONTRADICTED, SUPPORTED, WITHIN_NOISE, Comparison, combine


def test_seed_spread_alone_is_a_t_interval_with_n_minus_1_degrees_of_freedom():
    diffs = (1.0, 2.0, 4.0, 3.0, 5.0)
    c = Comparison("d", diffs, margin=0.0)
    half = stats.t.ppf(0.975, 4) * np.std(diffs, ddof=1) / math.sqrt(5)
    assert c.df == 4 and c.interval == pytest.approx((3.0 - half, 3.0 + half))


def test_a_shared_term_adds_in_quadrature_with_welch_satterthwaite_degrees_of_freedom():
    diffs = (1.0, 2.0, 4.0, 3.0, 5.0)
    c = Comparison("d", diffs, 0.0, shared_se=0.5, shared_df=999)
    seed_var = np.var(diffs, ddof=1) / 5
    df = (seed_var + 0.25) ** 2 / (seed_var**2 / 4 + 0.25**2 / 999)
    assert c.df == pytest.approx(df) and 4 < c.df < 999
    assert c.half_width == pytest.approx(stats.t.ppf(0.975, df) * math.sqrt(seed_var + 0.25))


def test_the_shared_term_is_the_crossed_two_way_estimate():
    """e² = (var_j(D_j) − MS_AB/n)/N from per-image differences X (seeds × images)."""
    rng = np.random.default_rng(3)
    x = rng.normal(0, 1, (4, 50)) + rng.normal(0, 2, 50)  # a strong image effect
    n, images = x.shape
    by_image = x.mean(axis=0)
    residual = x - x.mean(axis=1, keepdims=True) - by_image + x.mean()
    ms_ab = (residual**2).sum() / ((n - 1) * (images - 1))
    se, df = judging.shared_error(x)
    assert se == pytest.approx(math.sqrt((by_image.var(ddof=1) - ms_ab / n) / images))
    assert df == images - 1


def test_outcomes_that_never_differ_add_no_shared_error():
    same = np.random.default_rng(0).random((3, 400)) < 0.9
    c = judging.outcomes("d", same, same.copy())
    assert c.shared_se == 0 and c.mean == 0


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


def test_per_seed_evaluation_sets_count_once_in_the_seed_spread():
    """Accuracies on images each seed draws itself: the seed spread already holds their
    sampling noise, so nothing is added (it used to be added again, undivided by n)."""
    c = judging.accuracies("d", [0.92, 0.93, 0.925], [0.90, 0.91, 0.905], margin=0.5)
    assert c.shared_se == 0 and c.mean == pytest.approx(2.0)


def test_resolution_is_the_half_width_against_the_margin():
    fine = Comparison("d", (2.0, 2.1, 1.9, 2.0, 2.05), 0.5)
    coarse = Comparison("d", (2.0, -1.0, 5.0, 0.5, 3.0), 0.5)
    assert fine.resolves and not coarse.resolves


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
    shown = Comparison("acc", (1.0, 2.0, 3.0), 0.5).describe(judge=False)
    assert "needed" not in shown and "95 % interval" in shown
