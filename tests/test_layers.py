"""The package's layers: imports go one way, from higher layers to lower ones, with no cycle."""

import pkgutil
from pathlib import Path

import bnviz
from bnviz import codehash

# lowest first; a module may import from its own layer or any layer before it
LAYERS = (
    ("bnviz.errors", "bnviz.settings"),
    ("bnviz.data", "bnviz.image_data", "bnviz.reference", "bnviz.nn", "bnviz.codehash"),
    ("bnviz.probes", "bnviz.train", "bnviz.workers"),
    ("bnviz.experiments",),
    ("bnviz.results", "bnviz.judging", "bnviz.analysis", "bnviz.literature", "bnviz.variants"),
    ("bnviz.claims", "bnviz.values", "bnviz.verification"),
    ("bnviz.figures",),
    ("bnviz.site",),
    ("bnviz.cli", "bnviz.__main__"),
)


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(bnviz.__path__, "bnviz."))


def _layer(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _imports(module: str) -> set[str]:
    """bnviz modules `module` imports, its own parent packages aside (`from bnviz.figures
    import style` names the sibling module, which is counted)."""
    tree = codehash.syntax_tree(Path(codehash.module_file(module)))
    found = codehash.imported_modules(module, tree) - {module}
    return {m for m in found if m != "bnviz" and not module.startswith(m + ".")}


def test_every_import_goes_down_or_sideways():
    upward = [f"{m} -> {d}" for m in _modules() for d in _imports(m) if _layer(d) > _layer(m)]
    assert not upward, upward


def test_no_import_cycle():
    graph = {m: _imports(m) for m in _modules()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module, path):
        state[module] = 1
        for dep in graph.get(module, ()):
            if state.get(dep) == 1:
                raise AssertionError(" -> ".join([*path, module, dep]))
            if dep not in state:
                visit(dep, [*path, module])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [])


def test_no_dynamic_imports_by_name():
    source = Path(bnviz.__file__).parent
    offenders = [p.name for p in source.rglob("*.py") if "__import__(" in p.read_text()]
    assert not offenders, offenders


def test_no_module_over_300_lines():
    source = Path(bnviz.__file__).parent
    long = {p.name: n for p in source.rglob("*.py") if (n := len(p.read_text().splitlines())) > 300}
    assert not long, long
