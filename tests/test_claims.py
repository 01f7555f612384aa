import pytest

from bnviz import claims
from bnviz.results import load


def test_epochs_to_reach():
    assert claims.epochs_to_reach([0.5, 0.9, 0.96, 0.97], 0.95) == 3
    assert claims.epochs_to_reach([0.5, 0.9], 0.95) is None


@pytest.mark.parametrize("claim_id", sorted(claims.all_claims()))
def test_claim_verdict_matches_the_page(root, claim_id):
    claim = claims.get(claim_id)
    verdict = claim.check(load(claim.experiment, "quick", root / "results"))
    assert verdict.supported == claim.expected, verdict.measured
    assert any(ch.isdigit() for ch in verdict.measured)


def test_every_claim_is_shown_on_a_page(root):
    pages = "".join(p.read_text() for p in (root / "docs").rglob("*.md"))
    for claim_id in claims.all_claims():
        assert f"<!-- claim: {claim_id} -->" in pages
