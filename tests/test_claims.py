import pytest

from bnviz import claims, judging
from bnviz.results import load


def test_epochs_to_reach():
    assert claims.epochs_to_reach([0.5, 0.9, 0.96, 0.97], 0.95) == 3
    assert claims.epochs_to_reach([0.5, 0.9], 0.95) is None


@pytest.mark.parametrize("claim_id", sorted(claims.all_claims()))
def test_claim_outcome_matches_the_page(root, claim_id):
    claim = claims.get(claim_id)
    verdict = claim.check(load(claim.experiment, "quick", root / "results"))
    assert verdict.outcome == claim.expected, verdict.measured
    assert any(ch.isdigit() for ch in verdict.measured)
    if claim.kind == "check":
        assert verdict.outcome in (judging.PASSES, judging.FAILS) and not verdict.comparisons
    else:  # judged by the one rule, or shown: with the intervals either way
        assert verdict.comparisons and "95 % interval" in verdict.measured


def test_every_claim_says_whose_sentence_it_is():
    for claim in claims.all_claims().values():
        assert claim.source in claims.SOURCES or claim.source.endswith(")"), claim.id
        assert claim.speaker


def test_every_claim_is_shown_on_a_page(root):
    pages = "".join(p.read_text() for p in (root / "docs").rglob("*.md"))
    for claim_id in claims.all_claims():
        assert f"<!-- claim: {claim_id} -->" in pages


def test_checks_render_as_neutral_boxes_and_claims_by_outcome(monkeypatch, root):
    from bnviz.site.verdicts import verdict_box

    monkeypatch.setenv("BNVIZ_RESULTS", str(root / "results"))
    monkeypatch.setenv("BNVIZ_SITE_PROFILE", "quick")
    for claim in claims.all_claims().values():
        text, _ = verdict_box(claim.id)
        if claim.kind == "check":
            assert text.startswith('!!! note "Check') and "What it verifies" in text
        elif claim.kind == "measurement" or claim.judged_under == "full":
            assert text.startswith('!!! info "Measured') and "**Resolution:**" in text
        else:
            assert text.split()[1] in ("success", "failure", "warning")
            assert claim.speaker in text and "judging.md" in text and "**Resolution:**" in text
