"""Tables the pages show (`<!-- table: NAME -->`): the literature beside our measurements, the
CNN timeline, the networks, and the judging tables of `bnviz.site.verdicts`."""

from __future__ import annotations

from bnviz import claims
from bnviz.claims.alternatives import errors_by_batch_size
from bnviz.errors import BnvizError
from bnviz.literature import IOFFE_FIG1, LANDMARKS, SANTURKAR, WU_HE_FIG1
from bnviz.results import load_for_site


def wu_he_table() -> str:
    """Markdown: Wu & He's published errors beside ours at the same batch sizes."""
    result = load_for_site("batch_size_sweep")
    measured_sizes, errors = errors_by_batch_size(result)
    paper = WU_HE_FIG1
    norms = ("batch", "group")
    published = {n: dict(zip(paper["batch_sizes"], paper[n], strict=True)) for n in norms}
    ours = {
        n: {s: f"{100 * e:.1f}" for s, e in zip(measured_sizes, errors[n], strict=True)}
        for n in norms
    }
    sizes = sorted({*paper["batch_sizes"], *measured_sizes}, reverse=True)
    rows = [
        "| images per batch | " + " | ".join(map(str, sizes)) + " |",
        "| --- |" + " --- |" * len(sizes),
    ]
    for source, values in (
        ("Wu & He, % error", published),
        (f"ours ({result.profile}), % error", ours),
    ):
        for norm, name in (("batch", "BN"), ("group", "GN")):
            cells = " | ".join(str(values[norm].get(s, "—")) for s in sizes)
            rows.append(f"| {name}, {source} | {cells} |")
    return "\n".join(rows)


def _findings_table(paper: dict, claim_ids: list[tuple[str, ...]]) -> str:
    """Markdown: each finding of `paper` beside our measurements (the verdicts of the claims
    that test it), from the results the site shows."""
    lines = [f"| {paper['paper']} | ours: claim, verdict, measurement |", "| --- | --- |"]
    for finding, ids in zip(paper["findings"], claim_ids, strict=True):
        cells = []
        for claim_id in ids:
            claim = claims.get(claim_id)
            result = load_for_site(claim.experiment)
            verdict = claim.check(result)
            word = verdict.outcome if verdict.supported else f"**{verdict.outcome}**"
            if claim.fresh_seeds:
                word += f" {claim.caveat} (read as within noise)"
            cells.append(
                f"{claim.sentence} — {word} ({result.profile} profile): {verdict.measured}"
            )
        lines.append(f"| {finding} | {'<br><br>'.join(cells)} |")
    return "\n".join(lines)


def ioffe_table() -> str:
    return _findings_table(
        IOFFE_FIG1,
        [("ioffe-bn-faster", "ioffe-bn-ahead-early", "ioffe-bn-higher"), ("ioffe-stable-inputs",)],
    )


def santurkar_table() -> str:
    return _findings_table(
        SANTURKAR,
        [
            ("santurkar-noise-shifts", "santurkar-noisy-trains"),
            ("santurkar-bn-reduces-ics",),
            ("santurkar-smoother", "santurkar-beta"),
        ],
    )


def ioffe_lr_table() -> str:
    """Markdown: the learning-rate selection for the network without BN, from the run shown."""
    result = load_for_site("ioffe_fig1")
    chosen, scores = result.payload["learning_rate"], result.payload["lr_selection"]
    steps = result.spec["select_steps"]
    lines = [
        f"| SGD learning rate | validation accuracy without BN after {steps:,} steps "
        f"({result.profile} profile) |",
        "| --- | --- |",
    ]
    for lr, accuracy in scores.items():
        mark = " ← used for both networks" if float(lr) == chosen else ""
        lines.append(f"| {lr} | {accuracy:.1%}{mark} |")
    return "\n".join(lines)


def timeline_table() -> str:
    """The landmarks as a Markdown table with linked references."""
    rows = ["| year | network | normalization | reference |", "| --- | --- | --- | --- |"]
    for m in LANDMARKS:
        rows.append(f"| {m.year} | {m.name} | {m.detail} | [{m.reference}]({m.url}) |")
    return "\n".join(rows)


def _users(builder: str, conv_only: bool) -> list[str]:
    """Experiments whose code (their own module or an experiment module they import) names
    `builder`, with `dense_norm=` or without it."""
    import ast

    from bnviz import experiments
    from bnviz.codehash import dependencies, module_file, syntax_tree

    users = []
    for name, experiment in experiments.registry().items():
        for module in dependencies(experiment.module):
            if not module.startswith("bnviz.experiments."):
                continue
            tree = syntax_tree(module_file(module))
            names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
            keywords = {k.arg for k in ast.walk(tree) if isinstance(k, ast.keyword)}
            if builder in names and ("dense_norm" in keywords) == conv_only:
                users.append(name)
                break
    return users


def models_table() -> str:
    """Markdown: every network the experiments train, described from the model code."""
    from bnviz.nn.describe import architecture, networks
    from bnviz.variants import LABELS

    rows = [
        "| network | layers (bracketed: only in the variant with BN) | parameters | experiments |",
        "| --- | --- | --- | --- |",
    ]
    for network in networks().values():
        model, baseline = network.variants()
        users = _users(network.build.__name__, "dense_norm" in network.options)
        counts = f"{model.count_params():,} {LABELS['batch']}, {baseline.count_params():,} "
        counts += LABELS[network.other] if network.other != "none" else "without BN"
        # the call never breaks inside a name (a narrow column would split it mid-word)
        shown = ",<br>".join(
            f'<code style="white-space: nowrap">{part}</code>' for part in network.call.split(", ")
        )
        rows.append(
            f"| {shown} | {architecture(model, baseline)} | {counts} | "
            f"{', '.join(f'`{u}`' for u in users)} |"
        )
    return "\n".join(rows)


TABLES = (
    "judging_example",
    "claim_outcomes",
    "seed_blocks",
    "cnn_timeline",
    "wu_he_fig1",
    "ioffe_findings",
    "ioffe_lr",
    "santurkar_findings",
    "models",
)


def table_markdown(name: str) -> str:
    from bnviz.site.verdicts import (
        claim_outcomes_table,
        judging_example_table,
        seed_blocks_table,
    )

    functions = dict(
        zip(
            TABLES,
            (
                judging_example_table,
                claim_outcomes_table,
                seed_blocks_table,
                timeline_table,
                wu_he_table,
                ioffe_table,
                ioffe_lr_table,
                santurkar_table,
                models_table,
            ),
            strict=True,
        )
    )
    if name not in functions:
        raise BnvizError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    return functions[name]()
