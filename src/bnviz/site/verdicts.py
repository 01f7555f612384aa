"""Verdicts on pages: a claim's box, its outcome as a word, the judging page's worked example,
and the table of every claim."""

from __future__ import annotations

from functools import cache

from bnviz import claims, judging
from bnviz.errors import BnvizError
from bnviz.results import Result, load, load_for_site, results_root

BOX = {  # outcome -> (admonition type, title)
    judging.SUPPORTED: ("success", "Supported by our measurement"),
    judging.CONTRADICTED: ("failure", "Contradicted by our measurement"),
    judging.WITHIN_NOISE: (
        "warning",
        "Within noise by our measurement: neither supported nor contradicted",
    ),
    judging.MEASURED: ("info", "Measured: shown with its interval, not judged"),
    judging.PASSES: ("note", "Check (true by construction): passes"),
    judging.FAILS: ("danger", "Check (true by construction): FAILS — a bug"),
}
WHO = {"ours": "this site", "talk": "the original talk", "folklore": "folklore"}
EXPLORATORY = "exploratory"  # results/exploratory: the earlier seeds (see its README)


@cache
def _exploratory(name: str) -> Result | None:
    try:
        return load(name, "quick", results_root() / EXPLORATORY)
    except BnvizError:
        return None


def exploratory_outcome(claim: claims.Claim) -> str:
    """The claim's outcome, under today's rule, on the earlier seeds that informed it; "" when
    those runs did not measure what it reads."""
    result = _exploratory(claim.experiment)
    if result is None or claim.kind == "check":
        return ""
    try:
        verdict = claim.check(result)
    except (KeyError, IndexError, ValueError, BnvizError):
        return ""
    seeds = ", ".join(map(str, result.spec["seeds"]))
    return f"*{verdict.outcome}* on the earlier, exploratory seeds {seeds}"


def _shown(claim: claims.Claim, verdict) -> tuple[str, str]:
    """The admonition type and title a claim's outcome is shown with."""
    kind, title = BOX[verdict.outcome]
    if claim.fresh_seeds and verdict.outcome in (judging.SUPPORTED, judging.CONTRADICTED):
        kind = "warning"
        title = f"{verdict.outcome.capitalize()} {claim.caveat}: read as within noise"
    return kind, title


def _details(claim: claims.Claim, verdict) -> list[str]:
    """What a claim's box holds under its sentence: the measurement, its resolution, fresh
    seeds, the history on the earlier seeds, and a small line saying how it is judged."""
    if claim.kind == "check":
        rule = "a fact that holds by construction; not evidence about BN"
    elif verdict.outcome == judging.MEASURED:
        rule = f"shown with [the one rule](judging.md)'s interval, not judged; {claim.note}"
    else:
        rule = f"judged by [the one rule](judging.md); {claim.note}"
    resolution = claims.resolution_text(verdict.comparisons) if verdict.comparisons else ""
    history = exploratory_outcome(claim)
    return (
        [f"**Measured:** {verdict.measured}"]
        + ([f"**Resolution:** {resolution}."] if resolution else [])
        + ([f"**Fresh {claim.repeats}:** {claim.fresh_seeds}"] if claim.fresh_seeds else [])
        + ([f"**History:** {history}."] if history else [])
        + [f"<small>claim `{claim.id}` · {rule} · checked by `bnviz claims` and the tests</small>"]
    )


def verdict_box(claim_id: str) -> tuple[str, bool]:
    """Markdown for a claim's full verdict box, and whether the outcome is the one the page
    expects. A chapter gives full boxes only to the claims that carry its argument; the rest
    are rows of its verdict table (`verdict_table`)."""
    claim = claims.get(claim_id)
    result = load_for_site(claim.experiment)
    verdict = claim.check(result)
    kind, title = _shown(claim, verdict)
    said = "**What it verifies:**" if claim.kind == "check" else f"**{claim.speaker}:**"
    body = [f"{said} {claim.sentence}", *_details(claim, verdict)]
    text = f'!!! {kind} "{title} ({result.profile} profile)"\n' + "\n\n".join(
        "    " + part for part in body
    )
    return text, verdict.outcome == claim.expected


OUTCOME_WORD = {  # outcome -> the short word a verdict table shows
    judging.SUPPORTED: "supported",
    judging.CONTRADICTED: "contradicted",
    judging.WITHIN_NOISE: "within noise",
    judging.MEASURED: "measured",
    judging.PASSES: "check passes",
    judging.FAILS: "check FAILS",
}


def _difference(c: judging.Comparison) -> str:
    """A comparison as a table cell: mean, 95 % interval, and what the claim needs."""
    f = f"+.{c.digits}f"
    lo, hi = c.interval
    needs = {"greater": f"> {c.margin:g}", "within": f"within ±{c.margin:g}"}.get(c.kind, "")
    if not c.margin and c.kind == "greater":
        needs = "> 0"
    return (
        (f"{c.mean:{f}} [{lo:{f}}, {hi:{f}}]{c.unit}" + (f" (needs {needs})" if needs else ""))
        .replace("[", "&#91;")
        .replace("]", "&#93;")
    )


def _cell(text: str) -> str:
    """Text safe inside one cell of a Markdown table."""
    return " ".join(text.split()).replace("|", "\\|")


def _badge(claim: claims.Claim, verdict) -> str:
    """The outcome as a coloured word (its box's title on hover)."""
    kind, title = _shown(claim, verdict)
    word = OUTCOME_WORD[verdict.outcome]
    if kind == "warning" and verdict.outcome != judging.WITHIN_NOISE:
        word += " (read as within noise)"
    css = "bnviz-outcome bnviz-outcome--" + kind
    return f'<span class="{css}" title="{title}">{word}</span>'


def outcome_badge(claim_id: str) -> tuple[str, bool]:
    """A claim's outcome as a coloured word, and whether it is the one the page expects."""
    claim = claims.get(claim_id)
    verdict = claim.check(load_for_site(claim.experiment))
    return _badge(claim, verdict), verdict.outcome == claim.expected


def verdict_table(claim_ids: list[str]) -> tuple[str, list[str]]:
    """Markdown: one row per claim — whose sentence, the sentence (expanding to what its box
    would hold), the measured difference with its 95 % interval, the outcome as a coloured word —
    and the ids whose outcome is not the one the page expects."""
    rows = [
        "| whose | claim (click for details) | measured, 95 % interval | outcome |",
        "| --- | --- | --- | --- |",
    ]
    unexpected = []
    for claim_id in claim_ids:
        claim = claims.get(claim_id)
        result = load_for_site(claim.experiment)
        verdict = claim.check(result)
        if verdict.outcome != claim.expected:
            unexpected.append(claim_id)
        who = "a check" if claim.kind == "check" else WHO.get(claim.source, claim.source)
        details = "<br><br>".join(_details(claim, verdict))
        sentence = (
            f'<details id="verdict-{claim.id}"><summary>{claim.sentence}</summary>{details}'
            f"<br><small>{result.experiment}, {result.profile} profile, "
            f"{len(result.spec['seeds'])} seeds</small></details>"
        )
        shown = verdict.comparisons[:2]
        more = len(verdict.comparisons) - len(shown)
        measured = "<br>".join(_difference(c) for c in shown) or "—"
        if more:
            measured += f"<br>and {more} more"
        outcome = _badge(claim, verdict)
        rows.append("| " + " | ".join(_cell(x) for x in (who, sentence, measured, outcome)) + " |")
    table = "\n".join(rows)
    return (
        f'<div class="bnviz-verdicts" markdown="1">\n\n{table}\n\n{LEGEND}\n\n</div>',
        unexpected,
    )


LEGEND = (
    "<small>Green: our runs support the claim; red: they contradict it; yellow: within noise, "
    "the runs cannot tell; blue: measured and shown with its interval, not judged (a preview "
    "judged only on the paper-sized runs, or a measurement without a claim); grey: a check "
    "true by construction. Intervals: 95 %, paired by seed, by "
    "[the one rule](judging.md).</small>"
)


def outcome_text(claim_id: str) -> tuple[str, bool]:
    """A claim's outcome as a word for prose ("supported", "within noise", ...), from the
    result on display, and whether it is the one the page expects."""
    claim = claims.get(claim_id)
    outcome = shown = claim.check(load_for_site(claim.experiment)).outcome
    if claim.fresh_seeds and outcome in (judging.SUPPORTED, judging.CONTRADICTED):
        shown = f"{outcome} {claim.caveat} (read as within noise)"  # as its box says
    elif outcome == judging.MEASURED:
        shown = (
            "not judged on this run (a preview: judged under the full profile)"
            if claim.judged_under == "full"
            else "measured, not judged"
        )
    return f"*{shown}*", outcome == claim.expected


EXAMPLE_CLAIM = "curves-bn-final-higher"  # the judging page's worked example


def judging_example_table() -> str:
    """Markdown: the rule applied step by step to one claim, from the result on display."""
    from scipy import stats

    claim = claims.get(EXAMPLE_CLAIM)
    result = load_for_site(claim.experiment)
    (c,) = claim.check(result).comparisons
    runs = result.payload["histories"]
    bn, none = (claims.finals(runs[v], "val_accuracy") for v in ("batch", "none"))
    n, (lo, hi) = len(c.diffs), c.interval
    t = stats.t.ppf(0.5 + judging.CONFIDENCE / 2, c.df)
    if c.outcome == judging.SUPPORTED:
        reason = f"the whole interval lies above m = {c.margin:g}"
    elif c.outcome == judging.CONTRADICTED:
        reason = f"the whole interval lies below m = {c.margin:g}"
    else:
        reason = f"the interval contains m = {c.margin:g}"
    rows = [
        "| step | value |",
        "| --- | --- |",
        f"| claim | {claim.sentence} (margin m = {c.margin:g} points) |",
        f"| seeds | {', '.join(map(str, result.spec['seeds']))} ({result.profile} profile) |",
        "| validation accuracy with BN, per seed | "
        + ", ".join(f"{100 * a:.1f} %" for a in bn)
        + " |",
        "| validation accuracy without BN, per seed | "
        + ", ".join(f"{100 * a:.1f} %" for a in none)
        + " |",
        "| paired differences d (points) | " + ", ".join(f"{d:+.2f}" for d in c.diffs) + " |",
        f"| mean of d | {c.mean:+.2f} points |",
        f"| seed term s/√n (n = {n}) | {c.seed_se:.2f} points |",
        f"| shared-image term e ({result.data['n_val']:,} validation images drawn with each "
        f"seed: already in s) | {c.shared_se:.2f} points |",
        f"| degrees of freedom ν (Welch–Satterthwaite) | {c.df:.1f} |",
        f"| t(0.975, ν) | {t:.2f} |",
        f"| half-width t·√(s²/n + e²): the resolution | {c.half_width:.2f} points |",
        f"| 95 % interval | [{lo:+.2f}, {hi:+.2f}] points |",
        f"| outcome | **{c.outcome}**: {reason} |",
    ]
    return "\n".join(rows)


def claim_outcomes_table() -> str:
    """Markdown: every claim and check, whose sentence it is, its outcome on display, its
    resolution against its margin, and its outcome on the earlier, exploratory seeds."""
    rows = [
        "| claim | whose sentence | outcome | resolution | earlier seeds | experiment | seeds |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for claim in claims.all_claims().values():
        result = load_for_site(claim.experiment)
        verdict = claim.check(result)
        who = "— (a check)" if claim.kind == "check" else WHO.get(claim.source, claim.source)
        resolution = claims.resolution_text(verdict.comparisons) if verdict.comparisons else "—"
        earlier = exploratory_outcome(claim).split(" on the")[0] or "—"
        rows.append(
            f"| `{claim.id}` | {who} | {verdict.outcome} | {resolution} | {earlier} "
            f"| `{claim.experiment}` ({result.profile}) | {len(result.spec['seeds'])} |"
        )
    return "\n".join(rows)


def seed_blocks_table() -> str:
    """Markdown: the judging seeds against the earlier, exploratory seeds, comparison by
    comparison (`bnviz verify --against results/exploratory`), summarized."""
    from functools import partial

    from bnviz import verification

    root = results_root() / EXPLORATORY
    names = verification.comparable(root, "quick")
    committed = partial(load, profile="quick")
    earlier = partial(load, profile="quick", root=root)
    rows, outcomes = verification.agreements(committed, earlier, names)
    share = verification.share_below(rows)
    ps = sorted(r.p for r in rows)
    moved = verification.moved(outcomes)
    changed = [f"`{c}` ({a} → {b})" for c, a, b in outcomes if a != b]
    skipped = "; ".join(f"`{n}`: {why}" for n, why in verification.NOT_COMPARABLE.items())
    lines = [
        "| | |",
        "| --- | --- |",
        f"| experiments compared | {len(names)} (left out: {skipped}) |",
        f"| comparisons (every claim's, both blocks) | {len(rows)} |",
        f"| Welch p < {verification.SIGNIFICANCE:g} | {share:.1%} "
        f"(calibrated intervals: about 5 %) |",
        f"| median p | {ps[len(ps) // 2]:.2f} (calibrated: about 0.5) |",
        f"| supported in one block, contradicted in the other | {', '.join(moved) or 'none'} |",
        f"| outcome changed otherwise | {', '.join(changed) or 'none'} |",
    ]
    return "\n".join(lines)
