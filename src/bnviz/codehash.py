"""What a result depends on: the bnviz modules an experiment imports, read as code.

The modules are found from the experiment module's `import` statements (at any depth, in
function bodies too), followed transitively inside the `bnviz` package. Each module counts by
its syntax tree with docstrings removed, so comments, docstrings and formatting never stale a
result, while any change to what runs (a constant, a call, an argument) does.

One assignment is left out: a module's top-level `SPECS`, the settings of every profile. A
result hashes the one spec it ran with as data (`bnviz.results.code_hash`), so a change to that
spec stales it, while a change to another profile's settings (a smaller smoke spec for the tests,
a longer full one) does not. Everything else in the module, the spec's class and the constants
`SPECS` is written with included, still counts as code.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from functools import cache
from pathlib import Path

PACKAGE = "bnviz"


def module_file(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    return Path(spec.origin) if spec and spec.origin else None


# Parsing is cached by a file's text (a site build asks for the same modules hundreds of
# times); an edited file is parsed again.
@cache
def _parse(text: str, filename: str) -> ast.Module:
    return ast.parse(text, filename=filename)


def syntax_tree(path: Path) -> ast.Module:
    """The module's syntax tree (shared between callers: read it, don't change it)."""
    return _parse(path.read_text(), str(path))


@cache
def _imports(module: str, text: str, filename: str) -> frozenset[str]:
    return frozenset(imported_modules(module, _parse(text, filename)))


def imported_modules(module: str, tree: ast.Module) -> set[str]:
    """bnviz modules named by the import statements of `module`."""
    package = module if module_file(module).name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            # `from bnviz.figures import style` imports a module, not a name
            found.update(f"{base}.{a.name}" for a in node.names if _is_module(f"{base}.{a.name}"))
    return {m for m in found if (m == PACKAGE or m.startswith(PACKAGE + ".")) and _is_module(m)}


@cache
def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def dependencies(module: str) -> list[str]:
    """`module` and every bnviz module it imports, directly or not, sorted; the package's own
    `__init__` (re-exports for readers) counts only when imported by name."""
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = module_file(name)
        todo.extend(_imports(name, path.read_text(), str(path)) - seen)
    return sorted(seen)


def _strip_docstrings(tree: ast.Module) -> ast.Module:
    for node in ast.walk(tree):
        bodies = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        if isinstance(node, bodies) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(
                getattr(first, "value", None), ast.Constant
            ):
                if isinstance(first.value.value, str):
                    node.body = node.body[1:] or [ast.Pass()]
    return tree


SETTINGS_DATA = "SPECS"  # hashed as data, one profile's spec at a time


def _strip_settings_data(tree: ast.Module) -> ast.Module:
    def is_settings(node: ast.stmt) -> bool:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        return isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
            isinstance(t, ast.Name) and t.id == SETTINGS_DATA for t in targets
        )

    tree.body = [node for node in tree.body if not is_settings(node)]
    return tree


def normalized_source(path: Path) -> str:
    """The module's code as a syntax-tree dump: no comments, docstrings, layout or positions,
    and no top-level `SPECS` (see the module's docstring)."""
    return _normalized(path.read_text(), str(path))


@cache
def _normalized(text: str, filename: str) -> str:
    tree = _strip_settings_data(_strip_docstrings(ast.parse(text, filename=filename)))
    return ast.dump(tree, annotate_fields=False, include_attributes=False)


def modules_hash(modules: list[str], extra: bytes = b"") -> str:
    digest = hashlib.sha256(extra)
    for module in modules:
        digest.update(module.encode() + b"\0" + normalized_source(module_file(module)).encode())
    return digest.hexdigest()[:16]
