"""The house keeps its shape: no import circles, layers import downward only, and the driver
stays where it belongs.

Read from the source with the standard library's ``ast`` (not by importing), so that imports
made only under ``TYPE_CHECKING`` or inside a function count too: a circle hidden there is
still a misplaced type. We chose ``ast`` plus networkx (already a dependency) over
import-linter: its contracts express layers, but "no circle between any two modules of the
project, tests and benchmarks included" is one ``find_cycle`` here, and the rules below stay
readable next to the test that enforces them.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "schema", "server", "seeds")
EVERYTHING = (*PACKAGES, "tests", "bench")

# Which top-level packages each may import (itself included): downward only.
LAYERS: dict[str, set[str]] = {
    "graph": {"graph"},
    "seeds": {"seeds", "graph"},
    "schema": {"schema", "graph"},
    "server": {"server", "schema", "graph", "seeds"},
}
# Inside graph/: which parts each subpackage (or shared module) may import.
GRAPH_LAYERS: dict[str, set[str]] = {
    "errors": set(),
    "vocabulary": set(),
    "identity": {"vocabulary"},
    "names": set(),
    "messages": {"messages"},
    "store": {"store", "errors"},
    "access": {"access", "store", "errors", "vocabulary", "identity"},
    "records": {"records", "access", "store", "errors", "vocabulary", "identity", "names"},
    "analysis": {"analysis", "errors", "vocabulary", "messages"},
    "coverage": {"coverage", "analysis", "access", "store", "errors", "messages"},
    "emergency": {
        "emergency",
        "analysis",
        "coverage",
        "records",
        "access",
        "store",
        "errors",
        "governance",
    },
    "governance": {
        "governance",
        "analysis",
        "records",
        "access",
        "store",
        "errors",
        "identity",
    },
}
# Third-party libraries only some parts may import.
CONFINED: dict[str, set[str]] = {
    "neo4j": {
        "graph.store",
        "graph.access",
        "graph.records",
        "graph.coverage",
        "graph.governance",
        "graph.emergency",
    },
    "networkx": {"graph.analysis"},
    "scipy": {"graph.analysis"},
    "strawberry": {"schema", "server"},
    "starlette": {"server"},
    "uvicorn": {"server"},
    "pypinyin": {"graph.names"},
    "rich": {"server"},
    "PIL": {"graph.governance", "seeds.demo"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    found = {}
    for top in EVERYTHING:
        for path in (ROOT / top).rglob("*.py"):
            found[_module_name(path)] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Every module named by an import anywhere in the file (absolute, resolved)."""
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            out.add(stem)
            # `from graph.records import changes` names the module graph.records.changes
            out.update(f"{stem}.{alias.name}" for alias in node.names)
    return out


@cache
def project_graph() -> nx.DiGraph:
    """Modules of the project and the project modules each imports."""
    known = modules()
    g = nx.DiGraph()
    for name, path in known.items():
        g.add_node(name)
        for target in _imports(name, path):
            if target in known and target != name:
                # A package's __init__ runs before its modules: importing graph.x.y imports
                # graph.x too, but our __init__ files import nothing, so the edge is to y alone.
                g.add_edge(name, target)
    return g


def third_party_imports() -> list[tuple[str, str]]:
    return [
        (name, target.split(".")[0])
        for name, path in modules().items()
        for target in _imports(name, path)
        if target.split(".")[0] in CONFINED
    ]


def test_no_import_circles() -> None:
    g = project_graph()
    circles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert not circles, f"import circles among: {circles}"


def test_layers_import_downward_only() -> None:
    wrong = []
    for a, b in project_graph().edges:
        top_a, top_b = a.split(".")[0], b.split(".")[0]
        if top_a in LAYERS and top_b not in LAYERS[top_a]:
            wrong.append(f"{a} -> {b}")
    assert not wrong, "imports against the layering: " + ", ".join(sorted(wrong))


def _graph_part(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else "graph"


def test_graph_subpackages_import_downward_only() -> None:
    wrong = []
    for a, b in project_graph().edges:
        if a.startswith("graph.") and b.startswith("graph."):
            part_a, part_b = _graph_part(a), _graph_part(b)
            if part_b not in GRAPH_LAYERS[part_a]:
                wrong.append(f"{a} -> {b}")
    assert not wrong, "imports across graph/ against its layering: " + ", ".join(sorted(wrong))


def test_every_graph_module_belongs_to_a_known_part() -> None:
    parts = {_graph_part(m) for m in modules() if m.startswith("graph.")}
    assert parts <= set(GRAPH_LAYERS), parts - set(GRAPH_LAYERS)


def test_confined_libraries_stay_confined() -> None:
    wrong = []
    for name, lib in third_party_imports():
        if name.split(".")[0] in ("tests", "bench"):
            continue
        if not any(name == p or name.startswith(p + ".") for p in CONFINED[lib]):
            wrong.append(f"{name} imports {lib}")
    assert not wrong, ", ".join(sorted(wrong))


def test_the_analyses_load_without_the_driver() -> None:
    """Importing every analysis module pulls in no driver, even indirectly."""
    names = sorted(m for m in modules() if m.startswith("graph.analysis"))
    code = "import sys\n" + "".join(f"import {m}\n" for m in names)
    code += "print(sorted(m for m in sys.modules if m.split('.')[0] in ('neo4j', 'strawberry')))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_every_package_says_what_it_owns() -> None:
    for name, path in modules().items():
        if path.name == "__init__.py" and name.startswith("graph."):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            assert ast.get_docstring(tree), f"{name} has no docstring"
            assert "__all__" in path.read_text(encoding="utf-8"), f"{name} has no __all__"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from graph.records import changes", {"graph.records", "graph.records.changes"}),
        ("from . import x", {"graph.store", "graph.store.x"}),
        ("from .values import Row", {"graph.store.values", "graph.store.values.Row"}),
        ("import neo4j.exceptions", {"neo4j.exceptions"}),
    ],
)
def test_imports_are_resolved(source: str, expected: set[str], tmp_path: Path) -> None:
    path = tmp_path / "local_server.py"
    path.write_text(source)
    assert _imports("graph.store.local_server", path) == expected


def test_a_circle_would_be_found() -> None:
    g = project_graph().copy()
    g.add_edge("graph.store.values", "graph.records.places")  # places reads values
    assert not nx.is_directed_acyclic_graph(g)


def test_no_module_is_too_long() -> None:
    long = {
        name: n
        for name, path in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"modules over 400 lines: {long}"
