"""Wall time of whole experiments at a baseline commit and at HEAD, run back to back here.

For each NAME in turn, `bnviz run NAME --profile PROFILE` runs with BASE's code and then
with HEAD's, each in a fresh process from its own `git worktree` (so edits to the working
tree during the runs change nothing), into scratch results folders (`results/` is not
touched). Prints each run's stored `wall_time_s`, their ratio, whether the two specs are
equal, and the largest difference between the first seed's histories (0 where the code
computes the same thing; other seeds can differ where BASE drew one data split for all
seeds). Only back-to-back runs compare: this machine's speed varies from day to day by as
much as the effects measured. Nothing else should run meanwhile.

    BNVIZ_OFFLINE=1 .venv/bin/python bench/ab.py BASE NAME... [--profile quick]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CLI = "import sys; from bnviz.cli import main; raise SystemExit(main(sys.argv[1:]))"


def git(*args: str, error: str = "") -> str:
    """git's output; on failure, exit with `error` (else git's own message)."""
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(error or f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def run(tree: Path, name: str, profile: str, out: Path) -> dict:
    """The result `bnviz run` stores with `tree`'s code."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), BNVIZ_RESULTS=str(out))
    argv = [sys.executable, "-c", CLI, "run", name, "--profile", profile]
    done = subprocess.run(argv, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise SystemExit(f"{name} at {tree.name}: bnviz run failed: {tail}")
    return json.loads((out / name / f"{profile}.json").read_text())


def first_seed_difference(a: dict, b: dict) -> str:
    """Largest difference between the first seed's history values of every variant."""
    ha, hb = a["payload"].get("histories"), b["payload"].get("histories")
    if not isinstance(ha, dict) or not isinstance(hb, dict) or set(ha) != set(hb):
        return "-"
    largest = 0.0
    for variant in ha:
        first_a, first_b = ha[variant][0], hb[variant][0]
        for key in set(first_a) & set(first_b):
            try:
                x, y = np.asarray(first_a[key], float), np.asarray(first_b[key], float)
            except (TypeError, ValueError):  # names, not numbers
                continue
            if x.shape != y.shape:
                return f"{variant}/{key}: shapes differ"
            largest = max(largest, float(np.max(np.abs(x - y), initial=0.0)))
    return f"{largest:.1e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the baseline commit")
    parser.add_argument("names", nargs="+", help="experiments, run in this order")
    parser.add_argument("--profile", default="quick")
    args = parser.parse_args()
    base = git(
        "rev-parse",
        "--verify",
        "--quiet",
        f"{args.base}^{{commit}}",
        error=f"{args.base!r} is not a commit of this repository",
    )
    commits = {"base": base, "head": git("rev-parse", "HEAD")}
    print(
        f"base {commits['base'][:7]}, head {commits['head'][:7]}, profile {args.profile}, "
        f"{os.cpu_count()} cores; wall_time_s as stored, back to back"
    )
    print(
        f"{'experiment':<18} {'base s':>8} {'head s':>8} {'base/head':>9}  "
        "spec equal  first seed's histories, largest difference"
    )
    totals = {"base": 0.0, "head": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        trees = {side: Path(tmp) / side for side in commits}
        try:
            for side, tree in trees.items():
                git("worktree", "add", "--detach", str(tree), commits[side])
            for name in args.names:
                results = {
                    side: run(tree, name, args.profile, Path(tmp) / f"results-{side}")
                    for side, tree in trees.items()
                }
                seconds = {s: r["provenance"]["wall_time_s"] for s, r in results.items()}
                for side in totals:
                    totals[side] += seconds[side]
                same_spec = results["base"]["spec"] == results["head"]["spec"]
                print(
                    f"{name:<18} {seconds['base']:8.1f} {seconds['head']:8.1f} "
                    f"{seconds['base'] / seconds['head']:8.2f}x  {str(same_spec):<10}  "
                    f"{first_seed_difference(results['base'], results['head'])}",
                    flush=True,
                )
        finally:
            for tree in trees.values():
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(tree)],
                    cwd=ROOT,
                    capture_output=True,
                )
    change = totals["head"] / totals["base"] - 1
    print(
        f"{'total':<18} {totals['base']:8.1f} {totals['head']:8.1f} "
        f"{totals['base'] / totals['head']:8.2f}x  ({change:+.1%})"
    )


if __name__ == "__main__":
    main()
