"""The house's shape (conventions.md): dependencies point down, no import circle, no module over 400 lines.

Read from the code with ``ast``: every ``import`` and ``from … import`` anywhere in a module (inside functions
too, since an import deferred to run time still ties the two modules), except those under
``if TYPE_CHECKING:``, which exist only for the type checker.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400

# Which project packages each one may import (besides itself). Floors, from the ground up: common; gateways;
# entities, instances, notifications; materials (it checks the entities' data); filings; reviews, accounts;
# icp_portal and bench on top. The simulators play the outside world: they implement gateways and know no
# filing.
_GROUND = {"common"}
_DOORS = _GROUND | {"gateways"}
_DATA = _DOORS | {"entities", "instances", "notifications"}
_MATERIALS = _DATA | {"materials"}
_FILINGS = _MATERIALS | {"filings"}
_PEOPLE = _FILINGS | {"reviews", "accounts"}
MAY_IMPORT: dict[str, set[str]] = {
    "common": set(),
    "gateways": _GROUND,
    "entities": _DOORS,
    "instances": _DOORS,
    "notifications": _DOORS,
    "materials": _DOORS | {"entities"},
    "filings": _MATERIALS,
    "reviews": _FILINGS,
    "accounts": _FILINGS,
    "simulators": _DOORS | {"entities"},
    "icp_portal": _PEOPLE | {"simulators"},
    "bench": _PEOPLE,
}
PACKAGES = set(MAY_IMPORT)


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name → file, for every module of the project's packages (migrations left out: they are
    generated and frozen)."""
    modules = {}
    for package in sorted(PACKAGES):
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts:
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(source: str, *, module: str, is_package: bool) -> set[str]:
    """Every dotted name a module imports at any depth, ``if TYPE_CHECKING:`` blocks left out."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = ".".join(
                    package[: len(package) - node.level + 1] + ([node.module] if node.module else [])
                )
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the project modules it imports (a name imported from a package counts as that module when it
    is one, else as the package)."""
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for name in imported_names(
            path.read_text(encoding="utf-8"), module=module, is_package=path.name == "__init__.py"
        ):
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Each import from one package into a package it may not import."""
    wrong = []
    for module, targets in sorted(graph.items()):
        package = module.split(".")[0]
        for target in sorted(targets):
            other = target.split(".")[0]
            if other != package and other not in MAY_IMPORT[package]:
                wrong.append(f"{module} imports {target}")
    return wrong


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(circles)


# --- The house as it is ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(project_modules())


def test_every_package_imports_only_the_floors_below_it(graph):
    assert upward_imports(graph) == []


def test_no_import_circle_between_modules(graph):
    assert import_circles(graph) == []


def long_modules(root: Path = ROOT) -> dict[str, int]:
    """Every Python module of the repository (tests included, migrations and local folders left out) with more
    than ``MAX_LINES`` lines."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if {".venv", "migrations", "var", "node_modules"} & set(parts) or parts[0].startswith("."):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found["/".join(parts)] = lines
    return found


def test_no_module_is_over_400_lines():
    assert long_modules() == {}, "split these into packages of smaller modules"


# --- The checks catch what they are for -------------------------------------------------------------------
def _house(tmp_path: Path, files: dict[str, str]) -> dict[str, set[str]]:
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return import_graph(project_modules(tmp_path))


def test_an_upward_import_is_caught_even_inside_a_function(tmp_path):
    graph = _house(
        tmp_path,
        {
            "common/__init__.py": "",
            "common/errors.py": "def f():\n    from filings.models import Filing\n",
            "filings/__init__.py": "",
            "filings/models.py": "from common.errors import f\n",
        },
    )
    assert upward_imports(graph) == ["common.errors imports filings.models"]


def test_a_circle_is_caught_and_type_checking_imports_are_not_counted(tmp_path):
    graph = _house(
        tmp_path,
        {
            "filings/__init__.py": "",
            "filings/models.py": "from filings.tasks import run\n",
            "filings/tasks.py": "def run():\n    from filings import models\n",
            "filings/states.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from filings.models import X\n"
            ),
            "filings/selectors.py": "from .models import X\n",
        },
    )
    assert import_circles(graph) == [["filings.models", "filings.tasks"]]
    assert graph["filings.states"] == set()
    assert graph["filings.selectors"] == {"filings.models"}


def test_a_long_module_is_caught(tmp_path):
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "short.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    (tmp_path / "common" / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    (tmp_path / "common" / "migrations").mkdir()
    (tmp_path / "common" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 999, encoding="utf-8")
    assert long_modules(tmp_path) == {"common/long.py": MAX_LINES + 1}
