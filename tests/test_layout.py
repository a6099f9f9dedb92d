"""The package's layers: each module imports only from its own layer and those below, no
module imports itself back through others, and modules and functions stay short."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "zonestats"
LAYERS = {"errors": 0, "model": 1, "io": 2, "analysis": 3, "output": 4, "extract": 5, "cli": 6}
"""From the bottom: the one error type; the domain; reading inputs; analysis; writing
output; report texts; the command line."""

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LONG_ON_PURPOSE = "Long on purpose"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The zonestats modules a module imports, anywhere in it."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("zonestats"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("zonestats"):
            assert node.module is not None
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                names.add(child if child in modules else node.module)
    return names


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def test_every_module_belongs_to_a_layer() -> None:
    modules = _modules()
    loose = [
        m for m in modules if m != "zonestats" and m != "zonestats.__main__" and _layer(m) is None
    ]
    assert loose == []


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    modules = _modules()
    upward = []
    for module, path in modules.items():
        own = _layer(module)
        if own is None:
            continue
        for imported in _imports(path, modules):
            theirs = _layer(imported)
            if theirs is not None and theirs > own:
                upward.append(f"{module} -> {imported}")
    assert upward == []


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {m: _imports(p, modules) - {m} for m, p in modules.items()}
    # Importing a package runs its __init__, which may gather its own modules: an edge from a
    # module to its own package's __init__ is how Python finds it, not a cycle of ours.
    for module, edges in graph.items():
        graph[module] = {e for e in edges if not module.startswith(e + ".")}
    visiting: list[str] = []
    done: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        if module in done:
            return
        if module in visiting:
            cycles.append(visiting[visiting.index(module) :] + [module])
            return
        visiting.append(module)
        for imported in sorted(graph.get(module, ())):
            visit(imported)
        visiting.pop()
        done.add(module)

    for module in graph:
        visit(module)
    assert cycles == []


@pytest.mark.parametrize("module", sorted(_modules()))
def test_modules_and_functions_are_short(module: str) -> None:
    path = _modules()[module]
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_MODULE_LINES
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            body = "\n".join(lines[node.lineno - 1 : node.end_lineno])
            assert length <= MAX_FUNCTION_LINES or LONG_ON_PURPOSE in body, (node.name, length)
