"""Command line: `bnviz list | run | verify | figures | pages | notebooks | status | claims |
values`.

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
    import json

    from bnviz import experiments

    names = list(experiments.registry())
    if args.only and args.only != "all":
        names = [experiments.get(n.strip()).name for n in args.only.split(",") if n.strip()]
    if args.json:  # for the GPU workflow's job matrix
        print(json.dumps(names))
        return
    for name in names:
        print(f"{name:24} {experiments.get(name).title}")


def _run(args) -> None:
    from bnviz import experiments, results

    experiments.get(args.name)
    experiments.check_profile(args.profile)
    _download_timeout()  # only commands that may download read $BNVIZ_DOWNLOAD_TIMEOUT
    if args.require_gpu:
        _require_gpu()
    if args.max_steps is not None:
        return _trial(args)
    result, path = results.run_experiment(args.name, args.profile, args.data)
    print(
        f"{args.name} ({args.profile}): {result.provenance['wall_time_s']:.1f} s on "
        f"{result.data['name']} -> {path}"
    )


def _require_gpu() -> None:
    """Fail before training when TensorFlow sees no GPU (it would silently use the CPU)."""
    import tensorflow as tf

    if not tf.config.list_physical_devices("GPU"):
        raise BnvizError(
            "--require-gpu: TensorFlow sees no GPU (no driver, no CUDA build of TensorFlow, "
            "or no device); nothing was trained"
        )


def _trial(args) -> None:
    """`run --max-steps N`: the spec's data, models and probes for its first
    seed, every training stopped after N steps; nothing is stored."""
    import dataclasses
    import time

    from bnviz import experiments, train

    if args.max_steps < 1:
        raise BnvizError(f"--max-steps must be at least 1, not {args.max_steps}")
    experiment = experiments.get(args.name)
    spec = experiment.specs[args.profile]
    seeds = spec.seeds
    spec = dataclasses.replace(spec, seeds=seeds[:1])  # one seed proves it
    start = time.perf_counter()
    train.MAX_STEPS = args.max_steps
    train.PLANNED.clear()  # this trial's trainings only
    try:
        payload = experiment.run(spec, args.data)
    finally:
        train.MAX_STEPS = None
    print(
        f"{args.name} ({args.profile}, seed {seeds[0]} of {len(seeds)}, at most "
        f"{args.max_steps} steps per training): {time.perf_counter() - start:.1f} s on "
        f"{payload['data']['name']}; nothing stored"
    )
    if train.PLANNED:
        steps = sum(s for s, _, _ in train.PLANNED)
        # training ≈ 3 × the forward pass (forward, and two products backward)
        flops = sum(3 * s * b * f for s, b, f in train.PLANNED)
        print(
            f"planned for seed {seeds[0]}: {len(train.PLANNED)} trainings, "
            f"{steps:,} optimizer steps, {flops / 1e15:.3g} PFLOP of training"
        )


def _verify(args) -> None:
    import tempfile
    from functools import partial

    from bnviz import experiments, results, verification

    _download_timeout()

    names = [experiments.get(n).name for n in args.names]
    committed = partial(results.load, profile=args.profile)
    if args.against:  # results already made on other seeds, e.g. results/exploratory
        fresh = partial(results.load, profile=args.profile, root=Path(args.against))
        if not names:  # every experiment both folders hold, computed the same way
            for name, why in verification.NOT_COMPARABLE.items():
                print(f"left out {name}: {why}")
            names = verification.comparable(Path(args.against), args.profile)
    else:
        if not args.seeds or len(names) != 1:
            raise BnvizError("verify re-runs one experiment on --seeds, or reads --against DIR")
        out = Path(args.out or tempfile.mkdtemp(prefix="bnviz-verify-")).resolve()
        fresh = verification.rerun(names[0], args.profile, args.seeds, args.data, out)
    rows, outcomes = verification.agreements(committed, fresh, names)
    print("\n".join(verification.report(rows, outcomes)))


def _figures(args) -> None:
    from bnviz import figures
    from bnviz.results import load_for_site

    rendered = figures.render_stale(Path(args.out), load_for_site, force=args.force)
    print(f"rendered {len(rendered)} figure(s) into {args.out}: {', '.join(rendered) or 'none'}")


def _pages(args) -> None:
    from bnviz.site.pages import write_pages

    root = Path.cwd()
    if not (root / "docs").is_dir() or not (root / "mkdocs.yml").is_file():
        raise BnvizError("run `bnviz pages` in the project directory (docs/ and mkdocs.yml)")
    written = write_pages(Path(args.out), root / "docs", root)
    print(f"wrote {len(written)} page(s) with every marker expanded into {args.out}")


def _notebooks(args) -> None:
    from bnviz.site.notebooks import NOTEBOOKS_DIR, stale_notebooks, write_notebooks

    root = Path.cwd()
    if not (root / "docs").is_dir() or not (root / "pyproject.toml").is_file():
        raise BnvizError("run `bnviz notebooks` in the project directory (docs/, pyproject.toml)")
    if args.check:
        stale = stale_notebooks(root)
        if stale:
            raise BnvizError(
                f"{len(stale)} notebook(s) differ from their pages: {', '.join(stale)}; "
                "run `bnviz notebooks`"
            )
        print(f"every notebook in {NOTEBOOKS_DIR}/ matches its page")
        return
    written = write_notebooks(root)
    print(f"wrote {len(written)} chapter notebook(s) into {NOTEBOOKS_DIR}/")


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
    from bnviz.claims import report
    from bnviz.experiments import check_profile

    if args.between:
        first, _, second = args.between.partition(",")
        for profile in (first, second):
            check_profile(profile)
        print(report.between_markdown(first, second))
        return
    report.report()


def _values(args) -> None:
    from bnviz import values
    from bnviz.results import load_for_site

    for value in values.all_values().values():
        print(f"{value.name:32} {value.render(load_for_site(value.experiment)):>16}  {value.what}")


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("bnviz")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bnviz", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"bnviz {version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    listing = sub.add_parser("list", help="list experiments")
    listing.add_argument("--json", action="store_true", help="a JSON list of names")
    listing.add_argument("--only", default=None, help="comma-separated names, or all")
    listing.set_defaults(func=_list)
    run = sub.add_parser("run", help="train an experiment and store its result")
    run.add_argument("name")
    run.add_argument("--profile", default="quick", help="smoke | quick | full (default quick)")
    run.add_argument("--data", default=None, help="force a data source, e.g. mnist-full, mnist-5k")
    run.add_argument(
        "--max-steps",
        type=int,
        default=None,
        help="stop every training after N steps and store nothing (does the spec start?)",
    )
    run.add_argument("--require-gpu", action="store_true", help="fail unless a GPU is visible")
    run.set_defaults(func=_run)
    verify = sub.add_parser(
        "verify",
        help="compare the committed results with other seeds (re-run, or --against a folder): "
        "per comparison both mean differences and Welch's p",
    )
    verify.add_argument("names", nargs="*", help="experiments (default: all, with --against)")
    verify.add_argument("--seeds", default=None, help="comma-separated seeds to re-run with")
    verify.add_argument("--against", default=None, help="results folder made on other seeds")
    verify.add_argument("--profile", default="quick")
    verify.add_argument("--data", default=None, help="force a data source")
    verify.add_argument("--out", default=None, help="scratch results directory (not results/)")
    verify.set_defaults(func=_verify)
    figs = sub.add_parser("figures", help="render figures from results/")
    figs.add_argument("--out", default="docs/figures")
    figs.add_argument("--force", action="store_true", help="redraw even if up to date")
    figs.set_defaults(func=_figures)
    pages = sub.add_parser("pages", help="write the pages as plain Markdown, every marker expanded")
    pages.add_argument("--out", required=True, help="directory for the expanded pages")
    pages.set_defaults(func=_pages)
    books = sub.add_parser("notebooks", help="write every chapter as a notebook into notebooks/")
    books.add_argument("--check", action="store_true", help="only check they match the pages")
    books.set_defaults(func=_notebooks)
    sub.add_parser("status", help="current / stale / missing results").set_defaults(func=_status)
    claim = sub.add_parser("claims", help="judge every claim")
    claim.add_argument("--between", default=None, help="two profiles, e.g. quick,full: changes")
    claim.set_defaults(func=_claims)
    sub.add_parser("values", help="every measured number the pages show").set_defaults(func=_values)
    return parser


DOWNLOAD_TIMEOUT = 30.0  # seconds a download may wait for the network, per socket operation


def _download_timeout() -> None:
    """Keras' downloaders (MNIST, CIFAR-10, VGG19's weights) set no timeout: on a network that
    drops packets, `bnviz run` would wait for each before falling back to the offline data.
    Give every socket of this process a timeout unless one is set ($BNVIZ_DOWNLOAD_TIMEOUT
    changes it); a slow but live download is unaffected, as the limit is per operation."""
    import os
    import socket

    if socket.getdefaulttimeout() is None:
        text = os.environ.get("BNVIZ_DOWNLOAD_TIMEOUT", str(DOWNLOAD_TIMEOUT))
        try:
            seconds = float(text)
        except ValueError:
            raise BnvizError(f"BNVIZ_DOWNLOAD_TIMEOUT must be seconds, not {text!r}") from None
        socket.setdefaulttimeout(seconds)


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        args.func(args)
    except BnvizError as exc:
        print(f"bnviz: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # an unwritable --out, a full disk, a missing file
        where = f" {exc.filename}" if exc.filename else ""
        print(f"bnviz: error: cannot write or read{where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bnviz: interrupted; nothing was written", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
