"""What `bnviz claims` prints: every claim's verdict, or how verdicts differ between profiles.

`between("quick", "full")` is what the GPU workflow's pull request lists: each claim whose
experiment has a result under both profiles, judged on each, where the outcomes differ.
"""

from __future__ import annotations

from collections import Counter

from bnviz import claims, results
from bnviz.errors import BnvizError
from bnviz.judging import MEASURED, WITHIN_NOISE


def report() -> list[str]:
    """Every claim judged on the result the site shows; raises if one changed outcome from
    what its page states (after the lines are printed)."""
    changed, unresolved, counts = [], {}, Counter()
    for claim in claims.all_claims().values():
        verdict = claim.check(results.load_for_site(claim.experiment))
        counts[verdict.outcome] += 1
        if verdict.outcome != claim.expected:
            changed.append(claim.id)
        print(f"{verdict.outcome.upper():13} {claim.kind:5} {claim.id}: {verdict.measured}")
        if verdict.comparisons:
            print(f"{'':14}resolution: {claims.resolution_text(verdict.comparisons)}")
            judged = claim.kind == "claim" and verdict.outcome != MEASURED
            if judged and not all(c.resolves for c in verdict.comparisons):
                unresolved[claim.id] = verdict.outcome
    print(", ".join(f"{n} {outcome}" for outcome, n in counts.most_common()))
    decisive = [cid for cid, outcome in unresolved.items() if outcome != WITHIN_NOISE]
    if decisive:
        print(
            "judged with a resolution coarser than the margin, each decisive (its interval "
            f"clears the margin): {', '.join(decisive)}"
        )
    if undecided := [cid for cid in unresolved if cid not in decisive]:
        print(  # on such a run "within noise" says only that the run is too small
            "within noise on a run that cannot resolve the margin; make it a measurement or "
            f"judge it under a larger profile: {', '.join(undecided)}"
        )
    if changed:
        raise BnvizError(
            f"{len(changed)} claim(s) changed outcome from what their page states: "
            + ", ".join(changed)
        )
    return changed


def between(first: str, second: str, root=None) -> tuple[list[tuple[str, str, str]], int]:
    """(claim id, outcome under `first`, outcome under `second`) for every claim whose outcome
    differs, and how many claims both profiles' results judge."""
    changed, compared = [], 0
    for claim in claims.all_claims().values():
        paths = [results.result_path(claim.experiment, p, root) for p in (first, second)]
        if not all(p.exists() for p in paths):
            continue
        a, b = (
            claim.check(results.load(claim.experiment, p, root)).outcome for p in (first, second)
        )
        compared += 1
        if a != b:
            changed.append((claim.id, a, b))
    return changed, compared


def between_markdown(first: str, second: str, root=None) -> str:
    """`between` as a Markdown table, for a pull request's body."""
    changed, compared = between(first, second, root)
    if not compared:
        return f"No claim has both a {first} and a {second} result."
    head = f"{compared} claim(s) judged under both profiles; {len(changed)} changed outcome."
    if not changed:
        return head
    rows = [f"| `{cid}` | {a} | {b} |" for cid, a, b in changed]
    return "\n".join([head, "", f"| claim | {first} | {second} |", "|---|---|---|", *rows])
