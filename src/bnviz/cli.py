"""Command line: `bnviz list | run | figures | status | claims`.

Every error a user can cause ends with one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bnviz.errors import BnvizError


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line instead of argparse's usage block
        raise BnvizError(f"{message} (see `bnviz --help`)")


def _list(args) -> None:
    from bnviz import experiments

    for name, exp in experiments.registry().items():
        print(f"{name:24} {exp.title}")


def _run(args) -> None:
    from bnviz import experiments, results

    experiments.get(args.name)
    experiments.check_profile(args.profile)
    result, path = results.run_experiment(args.name, args.profile, args.data)
    print(
        f"{args.name} ({args.profile}): {result.provenance['wall_time_s']:.1f} s on "
        f"{result.data['name']} -> {path}"
    )


def _figures(args) -> None:
    from bnviz import figures
    from bnviz.site import load_for_site

    rendered = figures.render_stale(Path(args.out), load_for_site, force=args.force)
    print(f"rendered {len(rendered)} figure(s) into {args.out}: {', '.join(rendered) or 'none'}")


def _status(args) -> None:
    from bnviz import results

    rows = results.status()
    for row in rows:
        extra = (
            f"{row.get('data')}, {row.get('wall_time_s')} s, {row.get('created')}"
            if row["state"] in ("current", "stale")
            else row.get("detail", "")
        )
        print(f"{row['experiment']:24} {row['profile']:6} {row['state']:8} {extra}")
    bad = [r for r in rows if r["state"] in ("stale", "corrupt")]
    if bad:
        raise BnvizError(f"{len(bad)} result(s) stale or corrupt; re-run them with `bnviz run`")


def _claims(args) -> None:
    from bnviz import claims
    from bnviz.site import load_for_site

    failed = 0
    for claim in claims.all_claims().values():
        verdict = claim.check(load_for_site(claim.experiment))
        word = "SUPPORTED" if verdict.supported else "NOT SUPPORTED"
        failed += verdict.supported != claim.expected
        print(f"{word:14} {claim.id}: {verdict.measured}")
    if failed:
        raise BnvizError(f"{failed} claim(s) changed verdict from what their page states")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bnviz", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("list", help="list experiments").set_defaults(func=_list)
    run = sub.add_parser("run", help="train an experiment and store its result")
    run.add_argument("name")
    run.add_argument("--profile", default="quick", help="smoke | quick | full (default quick)")
    run.add_argument("--data", default=None, help="force a data source, e.g. mnist-full, mnist-5k")
    run.set_defaults(func=_run)
    figs = sub.add_parser("figures", help="render figures from results/")
    figs.add_argument("--out", default="docs/figures")
    figs.add_argument("--force", action="store_true", help="redraw even if up to date")
    figs.set_defaults(func=_figures)
    sub.add_parser("status", help="current / stale / missing results").set_defaults(func=_status)
    sub.add_parser("claims", help="check every claim").set_defaults(func=_claims)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        args.func(args)
    except BnvizError as exc:
        print(f"bnviz: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bnviz: interrupted; nothing was written", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
