"""The session's smoke results, made in a background process (`background.smoke`).

`python tests/smoke_runs.py OUT` runs every experiment once under the smoke profile, through
`bnviz.results.run_experiment` as `bnviz run NAME --profile smoke` does, into the results
directory `OUT/results`. The tests that read them (`conftest.smoke_results`) wait for it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(out: Path) -> None:
    from bnviz import experiments, results

    for name in experiments.registry():
        results.run_experiment(name, "smoke", root=out / "results")
        print(f"{name}: done", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
