"""Every experiment's `run()` — the function that made its committed result — trains under the
smoke profile (once per session, `smoke_results`) and feeds its figures, captions and claims."""

import pytest

from bnviz import claims, experiments, judging, results
from bnviz.figures import FIGURES
from bnviz.figures.style import theme_colors, themed

OUTCOMES = {
    judging.SUPPORTED,
    judging.CONTRADICTED,
    judging.WITHIN_NOISE,
    judging.MEASURED,
    judging.PASSES,
    judging.FAILS,
}


@pytest.mark.parametrize("name", list(experiments.registry()))
def test_smoke_run_feeds_figures_captions_and_claims(name, smoke_results):
    result = results.load(name, "smoke", smoke_results)
    assert not result.stale and result.provenance["wall_time_s"] > 0
    drawn = [spec for spec in FIGURES.values() if spec.experiment == name]
    judged = [c for c in claims.all_claims().values() if c.experiment == name]
    assert drawn or judged, f"{name} is neither drawn nor judged"
    for spec in drawn:
        with themed("dark"):
            figure = spec.draw(result, theme_colors("dark"))
        assert isinstance(figure, str) or figure.axes, spec.name
        caption = spec.caption(result)
        assert len(caption) > 40 and "{" not in caption, spec.name
        summary, alt = spec.summary(result), spec.alt(result)  # one seed, one epoch: still says
        assert len(summary.split()) <= 35 and alt and any(c.isdigit() for c in alt), spec.name
    for claim in judged:
        verdict = claim.check(result)
        assert verdict.outcome in OUTCOMES and verdict.measured, claim.id


def test_an_experiment_is_found_by_its_module_name_without_loading_tensorflow():
    """`experiments.get(name)` imports only that experiment's module (so `bnviz run nope` fails
    in a fraction of a second): every experiment is named after its module."""
    import subprocess
    import sys

    from bnviz.experiments.catalog import MODULES

    assert list(experiments.registry()) == list(MODULES)
    code = (
        "import sys\nfrom bnviz.cli import main\ncode = main(['run', 'nope'])\n"
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules\n"
        "sys.exit(code)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [
        f"bnviz: error: unknown experiment 'nope'; `bnviz list` shows: {', '.join(MODULES)}"
    ]
