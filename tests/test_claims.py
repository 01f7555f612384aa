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


def test_no_claim_is_judged_within_noise_on_a_run_that_cannot_resolve_its_margin(root):
    """A judged claim whose interval is wider than its margin must have cleared the margin
    (supported or contradicted): "within noise" on such a run says only that the run is too
    small, so that claim is shown as a measurement (or judged under a larger profile)."""
    for claim in claims.all_claims().values():
        if claim.kind != "claim" or claim.judged_under != "quick":
            continue
        verdict = claim.check(load(claim.experiment, "quick", root / "results"))
        if not all(c.resolves for c in verdict.comparisons):
            assert verdict.outcome != judging.WITHIN_NOISE, claim.id
    made = [c for c in claims.all_claims().values() if claims.UNRESOLVED in c.note]
    assert {c.id for c in made} == {
        "bn-replaces-dropout",
        "finetune-trainable-better",
        "overhead-floor",
        "santurkar-beta",
    }
    assert all(c.kind == "measurement" and c.expected == judging.MEASURED for c in made)


def test_every_claim_says_whose_sentence_it_is():
    for claim in claims.all_claims().values():
        assert claim.source in claims.SOURCES or claim.source.endswith(")"), claim.id
        assert claim.speaker


def _shown_claims(text: str) -> tuple[list[str], list[str]]:
    """The claims a page shows as full boxes, and those in its verdict table."""
    from bnviz.site.pages import MARKER, VERDICTS

    boxes = [key for kind, key in MARKER.findall(text) if kind == "claim"]
    rows = [k for m in VERDICTS.findall(text) for k in m.replace(",", " ").split()]
    return boxes, rows


def test_every_claim_is_a_row_of_one_verdict_table_and_boxes_repeat_rows(root):
    """A chapter's verdict table lists every claim of the chapter; the few claims that carry
    its argument also get a full box, on the same page."""
    rows_everywhere = []
    for page in (root / "docs").rglob("*.md"):
        boxes, rows = _shown_claims(page.read_text())
        assert set(boxes) <= set(rows), f"{page.name}: boxed claims missing from its table"
        rows_everywhere += rows
    assert sorted(rows_everywhere) == sorted(claims.all_claims())


def test_a_chapter_gives_full_boxes_to_at_most_three_claims(root):
    for page in (root / "docs").glob("*.md"):
        boxes, _ = _shown_claims(page.read_text())
        assert len(boxes) <= 3, page.name


def test_a_verdict_table_has_a_row_per_claim_with_its_interval(monkeypatch, root):
    from bnviz.site.verdicts import verdict_table

    monkeypatch.setenv("BNVIZ_RESULTS", str(root / "results"))
    monkeypatch.setenv("BNVIZ_SITE_PROFILE", "quick")
    ids = ["curves-bn-final-higher", "ioffe-stable-inputs", "overhead-floor"]
    text, unexpected = verdict_table(ids)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(ids) and unexpected == []
    assert all(row.count(" | ") == 3 for row in rows)  # no stray cell separators
    bn = rows[1]
    assert "the original talk" in bn and "**Measured:**" in bn
    assert '<details id="verdict-curves-bn-final-higher"><summary>' in bn
    assert "&#91;" in bn and "(needs > 0.5)" in bn and "bnviz-outcome--success" in bn
    assert "a check" in rows[2] and "check passes" in rows[2]


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
