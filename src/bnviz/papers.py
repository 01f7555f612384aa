"""What the reproduced papers published: their setups and, where the text gives them, numbers.

Only values printed in the papers are here. Ioffe & Szegedy's Fig. 1 and Santurkar et al.'s
figures are curves without printed values; for those we record the setup and the finding.
"""

from __future__ import annotations

IOFFE_FIG1 = {
    "paper": "Ioffe & Szegedy (2015), §4.1, Fig. 1",
    "arxiv": "1502.03167",
    "data": "MNIST (60,000 training digits, test set), input a 28×28 binary image",
    "network": "3 fully connected hidden layers × 100 sigmoid units, softmax over 10 classes",
    "init": "small random Gaussian weights (scale not given)",
    "training": "60 examples per mini-batch, 50,000 steps (optimizer and learning rate not given)",
    "findings": (
        "(a) the BN network reaches higher test accuracy, and gets there faster",
        "(b, c) without BN, the 15th/50th/85th percentiles of a typical last-layer sigmoid "
        "input change in mean and spread over training; with BN they are much more stable",
    ),
}

SANTURKAR = {
    "paper": "Santurkar, Tsipras, Ilyas & Madry (2018)",
    "arxiv": "1805.11604",
    "data": "CIFAR-10",
    "network": "a standard VGG (and a 25-layer deep linear network for the ICS measure)",
    "training": "SGD, learning rate 0.1 (Fig. 1 also shows 0.5)",
    "noise": "after every BN layer, per step μ ~ U(−0.5, 0.5), σ ~ U(1, 1.25); per element "
    "m ~ U(μ − 0.1, μ + 0.1), s ~ N(σ, 0.1); activation a → s·a + m",
    "findings": (
        "noisy BN: the activation distributions are visibly unstable, yet training performance "
        "is about the same as with BN and better than without",
        "ICS (gradient change when earlier layers update): BN does not reduce it; networks "
        "with BN often show more of it, most strikingly the deep linear network",
        "along the gradient, the loss varies less and the gradient changes less with BN "
        "(a smaller Lipschitz constant of the loss, more predictive gradients, a better "
        "effective β-smoothness)",
    ),
}

WU_HE_FIG1 = {  # ImageNet validation error (%) of ResNet-50, per images per GPU
    "paper": "Wu & He (2018), Fig. 1",
    "arxiv": "1803.08494",
    "batch_sizes": (32, 16, 8, 4, 2),
    "batch": (23.6, 23.7, 24.8, 27.3, 34.7),
    "group": (24.1, 24.2, 24.0, 24.2, 24.1),
}


def wu_he_table() -> str:
    """Markdown: Wu & He's published errors beside ours at the same batch sizes."""
    from bnviz.claims.alternatives import errors_by_batch_size
    from bnviz.site import load_for_site

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
        ("Wu & He (ImageNet error %)", published),
        (f"ours ({result.profile} profile, error %)", ours),
    ):
        for norm, name in (("batch", "BN"), ("group", "GN")):
            cells = " | ".join(str(values[norm].get(s, "—")) for s in sizes)
            rows.append(f"| {name}, {source} | {cells} |")
    return "\n".join(rows)


def _findings_table(paper: dict, claim_ids: list[tuple[str, ...]]) -> str:
    """Markdown: each finding of `paper` beside our measurements (the verdicts of the claims
    that test it), from the results the site shows."""
    from bnviz import claims
    from bnviz.site import load_for_site

    lines = [f"| {paper['paper']} | ours: claim, verdict, measurement |", "| --- | --- |"]
    for finding, ids in zip(paper["findings"], claim_ids, strict=True):
        cells = []
        for claim_id in ids:
            claim = claims.get(claim_id)
            result = load_for_site(claim.experiment)
            verdict = claim.check(result)
            word = verdict.outcome if verdict.supported else f"**{verdict.outcome}**"
            if claim.fresh_seeds:
                word += " with these seeds only (read as within noise)"
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
    from bnviz.site import load_for_site

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
