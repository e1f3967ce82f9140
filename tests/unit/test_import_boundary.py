"""Acceptance: ``import workbook.cli`` leaves ``textual`` out of ``sys.modules``; nothing in
``workbook/`` imports ``textual`` or ``screens`` but ``cli``, inside its functions.

The first half runs in a fresh interpreter (this one may have Textual loaded by other tests);
the second reads the source, so an import hidden in a branch that no test runs still counts.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import workbook

PACKAGE = Path(workbook.__file__).parent
UI_ROOTS = ("textual", "screens")
PROBE = (
    "import sys, workbook.cli; "
    "print('textual' in sys.modules, "
    "any(m == 'screens' or m.startswith('screens.') for m in sys.modules))"
)


def _is_ui(module: str | None) -> bool:
    return module is not None and any(
        module == root or module.startswith(f"{root}.") for root in UI_ROOTS
    )


def ui_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import of textual or screens anywhere in ``tree``."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(_is_ui(alias.name) for alias in node.names):
            found.append(node)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _is_ui(node.module):
            found.append(node)
    return found


def imports_inside_functions(tree: ast.AST) -> set[int]:
    """``id()`` of every import node that sits inside a function body."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for child in ast.walk(node):
                if isinstance(child, ast.Import | ast.ImportFrom):
                    inside.add(id(child))
    return inside


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_importing_the_cli_loads_neither_textual_nor_screens(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"], done.stdout


def test_the_scan_sees_the_whole_package() -> None:
    names = {p.name for p in _sources()}
    assert {"__init__.py", "cli.py", "book.py", "content.py", "engine.py"} <= names


def test_the_scan_finds_imports_it_should() -> None:
    """The checker itself: it catches every spelling, and tells module level from a function."""
    tree = ast.parse(
        "import textual\n"
        "import os, textual.app as t\n"
        "from screens import app\n"
        "from screens.app import WorkbookApp\n"
        "from textual.widgets import Input\n"
        "import screenshots\n"
        "from .screens import x\n"
        "def f():\n"
        "    from screens.app import WorkbookApp\n"
    )
    found = ui_imports(tree)
    assert [node.lineno for node in found] == [1, 2, 3, 4, 5, 9]
    inside = imports_inside_functions(tree)
    assert [node.lineno for node in found if id(node) in inside] == [9]


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_textual_or_screens(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = ui_imports(tree)
    if path == PACKAGE / "cli.py":
        inside = imports_inside_functions(tree)
        at_module_level = [node for node in found if id(node) not in inside]
        assert not at_module_level, [
            f"{path.name}:{node.lineno} imports the UI at module level" for node in at_module_level
        ]
    else:
        assert not found, [f"{path.name}:{node.lineno} imports the UI" for node in found]


def test_the_cli_opens_the_app_through_a_lazy_import() -> None:
    """The one allowed place: inside a function of ``workbook/cli.py``."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    inside = imports_inside_functions(tree)
    lazy = [node for node in ui_imports(tree) if id(node) in inside]
    assert any(isinstance(node, ast.ImportFrom) and _is_ui(node.module) for node in lazy)
