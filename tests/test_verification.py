"""Two seed blocks compared comparison by comparison (`bnviz verify`): Welch's test, the share
of comparisons that differ, and the claims that move between supported and contradicted."""

import math

import numpy as np
import pytest
from scipy import stats

from bnviz import verification
from bnviz.judging import CONTRADICTED, SUPPORTED, WITHIN_NOISE, Comparison


def test_welch_p_is_scipys_unequal_variance_t_test():
    a, b = [1.0, 2.0, 4.0, 3.0], [2.5, 3.5, 6.0, 5.0, 4.0]
    expected = stats.ttest_ind(a, b, equal_var=False).pvalue
    assert verification.welch_p(a, b) == pytest.approx(expected)


def test_one_seed_gives_no_p_value():
    assert math.isnan(verification.welch_p([1.0], [1.0, 2.0]))


def test_share_below_counts_the_comparisons_that_differ():
    same = Comparison("d", (1.0, 1.1, 0.9))
    far = Comparison("d", (9.0, 9.1, 8.9))
    rows = [
        verification.Agreement("c", "d", same, same),
        verification.Agreement("c", "d", same, far),
    ]
    assert [r.p < 0.05 for r in rows] == [False, True]
    assert verification.share_below(rows) == 0.5


def test_blocks_of_one_true_difference_differ_at_about_the_nominal_rate():
    """Calibration in miniature: many pairs of 5-seed blocks drawn around the same mean."""
    rng = np.random.default_rng(0)
    rows = [
        verification.Agreement(
            "c",
            "d",
            Comparison("d", tuple(rng.normal(2, 1, 5))),
            Comparison("d", tuple(rng.normal(2, 1, 5))),
        )
        for _ in range(2000)
    ]
    assert 0.03 < verification.share_below(rows) < 0.07


def test_moved_lists_only_supported_against_contradicted():
    outcomes = [
        ("a", SUPPORTED, CONTRADICTED),
        ("b", SUPPORTED, WITHIN_NOISE),
        ("c", CONTRADICTED, SUPPORTED),
    ]
    assert verification.moved(outcomes) == ["a", "c"]
