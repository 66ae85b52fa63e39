"""The package's folders follow DESIGN.md's data flow, and imports run one way along it.

cli → run → io, quotes, facts, stages → engines → the shared values (options, errors, record,
document). A module that imports one above it, or two modules that import each other, would let
the layout drift back into a tangle; this test names the offending import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "summarize"
RANK = {"": 0, "engines": 1, "io": 2, "quotes": 2, "facts": 2, "stages": 2, "run": 3, "cli": 4}
FACADE = {"summarize", "summarize.__main__"}  # the public API re-exports from any level
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _rank(module: str) -> int:
    parts = module.split(".")
    if module == "summarize.cli":
        return RANK["cli"]
    return RANK[parts[1]] if len(parts) > 2 or parts[1] in RANK else RANK[""]


def _imports(module: str) -> set[str]:
    """Every summarize module this one imports, lazy imports inside functions included."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: _imports(module) for module in MODULES}


@pytest.mark.parametrize("module", sorted(set(MODULES) - FACADE))
def test_imports_never_run_upward(module: str) -> None:
    upward = sorted(t for t in GRAPH[module] if t not in FACADE and _rank(t) > _rank(module))
    assert not upward, f"{module} imports {upward}, which sit above it in the data flow"


def test_no_module_imports_itself_through_others() -> None:
    # Tarjan's strongly connected components: any component of two or more is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node] - FACADE:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(set(MODULES) - FACADE):
        if module not in index:
            visit(module)
    assert not cycles, f"modules that import each other: {cycles}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module: str) -> None:
    lines = len(MODULES[module].read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by job (limit {MAX_LINES})"


def test_every_folder_says_what_it_is_for() -> None:
    for folder in (p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        if folder.name == "models":
            continue
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text("utf-8")))
        assert doc and len(doc) > 80, f"summarize/{folder.name}/__init__.py needs a docstring"


def test_every_folder_ships_in_the_wheel() -> None:
    # pyproject lists packages by name: a new folder missing there installs fine in editable
    # mode (CI) and is silently absent from a wheel a newsroom installs.
    import tomllib

    listed = set(tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))["tool"][
        "setuptools"]["packages"])
    folders = {
        ".".join(init.parent.relative_to(PACKAGE.parent).parts) for init in PACKAGE.rglob("__init__.py")
    }
    assert folders <= listed, f"add to [tool.setuptools] packages: {sorted(folders - listed)}"
