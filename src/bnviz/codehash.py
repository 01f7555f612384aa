"""What a result depends on: the code its experiment can run, read as syntax, not as text.

The hash covers these top-level statements of `bnviz` modules:

- all of the experiment's module, but for `SPECS` (below);
- in each module reached, the statements that define no name (calls, `if` and `try` blocks)
  and a module `__getattr__` (a lazy catalog);
- a definition (`def`, `class` with all its body, assignment, import) that a counted statement
  names at any depth: `seed_cnn`, `cnns.seed_cnn`, `bnviz.train.train_model`; an imported name
  leads on to its definition (through a package's re-exports), and so does code in a string
  (`python -c "from bnviz.workers import serve; serve()"`);
- all of a module whose names code looks up at run time (`getattr(module, name)`, `globals()`).

A module is reached when a counted statement imports it (an import in a function runs with it)
or a reached module does at its top (importing runs that). A package's `__init__` counts only
when imported by name. Only import statements are followed, not `import_module`: no experiment
reaches `bnviz.experiments.catalog`, so adding an experiment stales no result.

So editing code an experiment never runs keeps its results current, and so do docstrings,
comments and layout: a statement counts by its syntax tree without docstrings, written out the
same way on every Python version (`_canonical`). A change to what runs (a constant, a call, an
argument) stales them. A module's top-level `SPECS` (every profile's settings) is left out: a
result hashes the one spec it ran with as data (`bnviz.results.code_hash`), so another
profile's settings (a smaller smoke spec for the tests) never stale it; what `SPECS` names (the
spec's class, constants) counts.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

PACKAGE = "bnviz"
SETTINGS_DATA = "SPECS"  # hashed as data, one profile's spec at a time
ALWAYS = ("__getattr__", "__dir__")  # a module's own lookups: they count with the module
LOOKUPS = ("getattr", "hasattr", "setattr", "delattr", "vars", "dir")  # a name at run time
_ROOT = Path(__file__).resolve().parent


@cache
def module_file(module: str) -> Path | None:
    """The file of bnviz module `module`, found without importing anything."""
    if module != PACKAGE and not module.startswith(PACKAGE + "."):
        return None
    base = _ROOT.joinpath(*module.split(".")[1:])
    return next((p for p in (base / "__init__.py", base.with_suffix(".py")) if p.is_file()), None)


_file = module_file  # the real one, also while a test redirects `module_file`


# Parsing is cached by a file's text (a site build asks for the same modules hundreds of
# times); an edited file is parsed again.
@cache
def _parse(text: str, filename: str = "<string>") -> ast.Module:
    tree = ast.parse(text, filename=filename)
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                if isinstance(first.value.value, str):  # a docstring
                    node.body = node.body[1:] or [ast.Pass()]
    return tree


def syntax_tree(path: Path) -> ast.Module:
    """The module's syntax tree without docstrings (shared: read it, don't change it)."""
    return _parse(path.read_text(), str(path))


def _from(module: str, node: ast.ImportFrom) -> str:
    """The module that `from ... import` in `module` imports from."""
    parts = module.split(".")[: None if _file(module).name == "__init__.py" else -1]
    parts = parts[: len(parts) - node.level + 1] if node.level else []
    return ".".join(parts + ([node.module] if node.module else []))


# What code leads to: ("module", m) the top-level code of module m, ("name", m, name) the
# statements defining `name` in it, ("whole", m) all of it, ("stmt", m, i) its statement i.
def _imports(module: str, node: ast.Import | ast.ImportFrom) -> list[tuple]:
    """(name bound, module it stands for or None, lead) for each bnviz name `node` imports:
    `import bnviz.train` binds `bnviz` and leads to `bnviz.train`."""
    if isinstance(node, ast.Import):
        return [
            (a.asname or a.name.split(".")[0], a.name if a.asname else PACKAGE, ("module", a.name))
            for a in node.names
            if _file(a.name)
        ]
    base = _from(module, node)
    return [
        (a.asname or a.name, f"{base}.{a.name}", ("module", f"{base}.{a.name}"))
        if _file(f"{base}.{a.name}")  # `from bnviz.nn import cnns` names a module
        else (a.asname or a.name, None, ("name", base, a.name))
        for a in node.names
        if _file(base)
    ]


def imported_modules(module: str, tree: ast.Module) -> set[str]:
    """bnviz modules named by the import statements of `module`, at any depth."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.update(lead[1] for _, _, lead in _imports(module, node))
            if isinstance(node, ast.ImportFrom) and _file(_from(module, node)):
                found.add(_from(module, node))
    return found


def _canonical(node) -> str:
    """`node` written out the same way on every Python version: each field by name, except
    those left empty (fields a later version added, such as `type_params`), no positions."""
    if isinstance(node, ast.JoinedStr):  # f-strings: 3.12 splits their text differently
        groups = groupby(node.values, key=lambda value: isinstance(value, ast.Constant))
        parts = (
            repr("".join(v.value for v in vs)) if text else ",".join(map(_canonical, vs))
            for text, vs in groups
        )
        return f"JoinedStr([{','.join(p for p in parts if p != repr(''))}])"
    if isinstance(node, ast.AST):
        fields = (
            f"{name}={_canonical(value)}"
            for name in node._fields
            if (value := getattr(node, name, None)) is not None and value != []
        )
        return f"{type(node).__name__}({','.join(fields)})"
    if isinstance(node, list):
        return f"[{','.join(map(_canonical, node))}]"
    return repr((type(node).__name__, node))


@cache
def _texts(text: str, filename: str) -> tuple[str, ...]:
    """Each top-level statement's canonical text ("" for `SPECS`)."""
    body = _parse(text, filename).body
    return tuple("" if SETTINGS_DATA in _binds(s) else _canonical(s) for s in body)


def normalized_source(path: Path) -> str:
    """The whole module's code, written out by `_canonical`: no comments, docstrings, layout
    or positions, and no top-level `SPECS` (see the module's docstring)."""
    return "\n".join(text for text in _texts(path.read_text(), str(path)) if text)


def _binds(node: ast.stmt) -> set[str]:
    """Names a top-level statement defines; none if it counts whenever its module does."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return set() if node.name in ALWAYS else {node.name}
    if isinstance(node, ast.Import | ast.ImportFrom):  # `from __future__` counts always
        future = getattr(node, "module", None) == "__future__"
        return set() if future else {a.asname or a.name.split(".")[0] for a in node.names}
    if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
        nodes = [n for t in getattr(node, "targets", None) or [node.target] for n in ast.walk(t)]
        names = (ast.Name, ast.Tuple, ast.List, ast.Starred, ast.expr_context)
        if all(isinstance(n, names) for n in nodes):  # not `x.attribute = ...`
            return {n.id for n in nodes if isinstance(n, ast.Name)}
    return set()


def _chain(node: ast.expr) -> tuple[str, ...] | None:
    """`a.b.c` as ("a", "b", "c"); None unless `node` is a name or attributes of one."""
    attrs = []
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    return (node.id, *reversed(attrs)) if isinstance(node, ast.Name) else None


def _attribute(module: str, attrs: list[str], lookup: bool) -> tuple:
    """What `module.attrs...` leads to: a submodule, a name in one, or a whole module."""
    while attrs and _file(f"{module}.{attrs[0]}"):
        module, attrs = f"{module}.{attrs[0]}", attrs[1:]
    if not attrs or attrs[0] == "__dict__":
        return ("whole" if lookup or attrs else "module", module)
    return ("name", module, attrs[0])


def _leads(module: str, stmt: ast.AST, names: dict, aliases: dict) -> set[tuple]:
    """What `stmt` leads to: the names of `module` it uses at any depth, the names of modules
    it uses (`cnns.seed_cnn`; `aliases`: name -> the modules it may stand for), what its
    imports import, and all of a module whose names it looks up at run time."""
    found, todo = set(), [stmt]
    while todo:
        node = todo.pop()
        chains = [(_chain(node), False)]
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.update(lead for _, _, lead in _imports(module, node))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if "import" in node.value and PACKAGE in node.value:  # code, for `python -c`?
                try:
                    todo.append(_parse(node.value))
                except (SyntaxError, ValueError):  # prose, after all
                    pass
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            call = node.func.id
            if call == "globals" or (call == "vars" and not node.args):
                found.add(("whole", module))
            chains += [(_chain(node.args[0]), True)] if call in LOOKUPS and node.args else []
        for (base, *attrs), lookup in (c for c in chains if c[0]):
            found.update([("name", module, base)] if base in names else [])
            found.update(_attribute(alias, attrs, lookup) for alias in aliases.get(base, ()))
        if not chains[0][0]:
            todo.extend(ast.iter_child_nodes(node))
    return found


@dataclass(frozen=True)
class _Module:
    texts: tuple[str, ...]  # each top-level statement's canonical text ("" for SPECS)
    top: frozenset[tuple]  # what importing the module leads to
    names: dict[str, set[tuple]]  # top-level name -> its definitions, and where imports lead
    leads: tuple[frozenset[tuple], ...]  # statement -> what it leads to


@cache
def _module(module: str, text: str, filename: str) -> _Module:
    statements = _parse(text, filename).body
    names, aliases = {}, {}  # aliases: name -> the modules it may stand for
    imports = [isinstance(s, ast.Import | ast.ImportFrom) and bool(_binds(s)) for s in statements]
    for i, stmt in enumerate(statements):
        for name in _binds(stmt):
            names.setdefault(name, set()).add(("stmt", module, i))
        for node in (n for n in ast.walk(stmt) if isinstance(n, ast.Import | ast.ImportFrom)):
            for bound, alias, lead in _imports(module, node):
                aliases.setdefault(bound, set()).update([alias] if alias else [])
                if imports[i]:  # a top-level import leads on through the names it binds
                    names[bound].add(lead)
    leads = [
        set() if imports[i] else _leads(module, s, names, aliases) for i, s in enumerate(statements)
    ]
    # importing the module runs its top-level code, and that of the modules it imports
    top = {("module", lead[1]) for found in names.values() for lead in found if lead[0] != "stmt"}
    top |= {("stmt", module, i) for i, stmt in enumerate(statements) if not _binds(stmt)}
    return _Module(_texts(text, filename), frozenset(top), names, tuple(map(frozenset, leads)))


def reached(module: str) -> dict[str, list[str]]:
    """Each bnviz module the code of `module` reaches (sorted), with the canonical text of the
    statements it reaches, in source order (see the module's docstring)."""
    infos, statements, seen, todo = {}, {}, set(), [("whole", module)]
    while todo:
        if (lead := todo.pop()) in seen:
            continue
        seen.add(lead)
        kind, name = lead[:2]
        if name not in infos:
            path = module_file(name)
            infos[name], statements[name] = _module(name, path.read_text(), str(path)), set()
        info = infos[name]
        if kind == "module":
            todo += info.top
        elif kind == "whole":
            todo += [("module", name), *(("stmt", name, i) for i in range(len(info.texts)))]
        elif kind == "name":
            todo += [("module", name), *info.names.get(lead[2], ())]
        else:  # one statement
            statements[name].add(lead[2])
            todo += info.leads[lead[2]]
    return {
        name: [infos[name].texts[i] for i in sorted(found) if infos[name].texts[i]]
        for name, found in sorted(statements.items())
    }


def dependencies(module: str) -> list[str]:
    """`module` and every bnviz module its code reaches, sorted."""
    return list(reached(module))


def _hash(extra: bytes, code: dict[str, str]) -> str:
    digest = hashlib.sha256(extra)
    for module, text in code.items():
        digest.update(module.encode() + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()[:16]


def reached_hash(module: str, extra: bytes = b"") -> str:
    """Hash of `extra` and of the code `module` reaches: what stales its results."""
    return _hash(extra, {name: "\n".join(texts) for name, texts in reached(module).items()})


def modules_hash(modules: list[str], extra: bytes = b"") -> str:
    """Hash of `extra` and of the whole code of `modules` (a figure's stamp)."""
    return _hash(extra, {m: normalized_source(module_file(m)) for m in modules})
