"""The rule's 95 % interval covers the true difference in 93–97 % of simulated experiments.

Each simulated experiment trains two variants on n seeds and scores them image by image, with a
known true difference in accuracy. What varies, as in the real runs:
- a seed effect: each seed's initialization and batch order shift each variant's accuracy,
- images of different difficulty, scored by both variants (paired: the same images),
- a variant × image interaction (images one variant gets right more often than the other,
  whatever the seed),
- a seed × image interaction (which borderline images a seed gets right),
- evaluation images drawn per seed (validation splits) or shared by every seed (a test set).
The truth is the expected difference over seeds and over the image population; a new image
sample is drawn for every experiment. 2,000 experiments per case.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit

from bnviz import judging

EXPERIMENTS = 2000
# per case: accuracy logits of A and B, seed-effect sd, image-difficulty sd, images, a "same
# weights" case where B is A evaluated another way (their outcomes differ on few images)
CASES = {
    "close accuracies, strong seed effect": dict(a=2.2, b=2.0, seed_sd=0.15, image_sd=1.5),
    "close accuracies, weak seed effect": dict(a=2.2, b=2.1, seed_sd=0.02, image_sd=1.5),
    "variants disagree on images": dict(a=2.2, b=2.1, seed_sd=0.02, image_sd=1.5, variant_sd=1.2),
    "high accuracies (MNIST-like)": dict(a=3.6, b=3.3, seed_sd=0.1, image_sd=1.0),
    "same weights, two evaluations": dict(a=2.2, b=2.2, seed_sd=0.1, image_sd=1.5, same=True),
}
IMAGES = 600


def simulate(rng, n, shared, a, b, seed_sd, image_sd, same=False, variant_sd=0.0):
    """Per-image outcomes (experiments, n, images) of A and B."""
    shape = (EXPERIMENTS, n, IMAGES)
    # one image sample per experiment, the same for every seed; or every seed draws its own
    images = (EXPERIMENTS, 1, IMAGES) if shared else shape
    difficulty = rng.normal(0, image_sd, images)
    if variant_sd:  # what each variant finds hard in an image, whatever the seed
        difficulty = difficulty + rng.normal(0, variant_sd, (2, *images))
    seed_a = rng.normal(0, seed_sd, (EXPERIMENTS, n, 1))
    seed_b = seed_a if same else rng.normal(0, seed_sd, (EXPERIMENTS, n, 1))
    noise = rng.normal(0, 0.7, shape)  # seed × image: which borderline images a seed gets
    hard_a, hard_b = difficulty if variant_sd else (difficulty, difficulty)
    logit_a = a + seed_a + hard_a + noise
    # "same weights": B's outcome differs from A's only by a small evaluation change
    logit_b = (
        (logit_a + rng.normal(-0.1, 0.3, shape))
        if same
        else (b + seed_b + hard_b + rng.normal(0, 0.7, shape))
    )
    uniform = rng.random(shape)  # common random numbers: the same coin for both variants
    return uniform < expit(logit_a), uniform < expit(logit_b)


def truth(rng, **case):
    """The population difference in accuracy (points), by a large simulation."""
    a, b = simulate_population(rng, **case)
    return 100 * (a - b)


def simulate_population(rng, a, b, seed_sd, image_sd, same=False, variant_sd=0.0, draws=4_000_000):
    difficulty = rng.normal(0, image_sd, draws)
    hard_a, hard_b = difficulty + rng.normal(0, variant_sd, (2, draws))
    logit_a = a + rng.normal(0, seed_sd, draws) + hard_a + rng.normal(0, 0.7, draws)
    if same:
        logit_b = logit_a + rng.normal(-0.1, 0.3, draws)
    else:
        logit_b = b + rng.normal(0, seed_sd, draws) + hard_b + rng.normal(0, 0.7, draws)
    return expit(logit_a).mean(), expit(logit_b).mean()


@pytest.mark.parametrize("shared", [False, True], ids=["per-seed images", "shared images"])
@pytest.mark.parametrize("n", [3, 5])
@pytest.mark.parametrize("case", list(CASES))
def test_interval_covers_the_truth(case, n, shared):
    rng = np.random.default_rng(abs(hash((case, n, shared))) % 2**32)
    params = CASES[case]
    true = truth(np.random.default_rng(7), **params)
    a, b = simulate(rng, n, shared, **params)
    covered = 0
    for ea, eb in zip(a, b, strict=True):
        if shared:
            c = judging.outcomes("d", ea, eb)
        else:
            c = judging.accuracies("d", ea.mean(axis=1), eb.mean(axis=1))
        lo, hi = c.interval
        covered += lo <= true <= hi
    coverage = covered / EXPERIMENTS
    assert 0.93 <= coverage <= 0.97, f"{case}, n={n}, shared={shared}: coverage {coverage:.3f}"


def test_shared_images_count_once():
    """Two evaluations of the same weights on shared images that differ on no image: no
    shared-image error at all (the paired term is zero, not the unpaired √(2pq/N))."""
    rng = np.random.default_rng(0)
    a = rng.random((3, 1000)) < 0.9
    c = judging.outcomes("d", a, a.copy())
    assert c.shared_se == 0 and c.mean == 0


def test_seed_spread_alone_would_undercover_shared_images():
    """The reason for the shared term: with one image sample shared by every seed and a weak
    seed effect, the seed spread alone misses the images' sampling error."""
    params = CASES["variants disagree on images"]
    true = truth(np.random.default_rng(7), **params)
    a, b = simulate(np.random.default_rng(1), 5, True, **params)
    covered = 0
    for ea, eb in zip(a, b, strict=True):
        lo, hi = judging.accuracies("d", ea.mean(axis=1), eb.mean(axis=1)).interval
        covered += lo <= true <= hi
    assert covered / EXPERIMENTS < 0.90
