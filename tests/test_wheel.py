"""Acceptance: a test builds the wheel, checks every content file is inside, installs it into a
fresh venv that can see the test environment's packages, and runs ``workbook content list
--json`` from a temporary folder.

Offline by design: the wheel is built without build isolation (hatchling comes from the test
environment) and installed with ``--no-index --no-deps``. The fresh venv reaches this
environment's packages through a ``.pth`` file holding plain path lines, so the editable
install's own ``.pth`` (which points back at the repository) is never processed there: the
``workbook`` and ``content`` that run can only be the wheel's.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path, PurePosixPath

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
#: Every exercise in the source tree: the installed command must list exactly these.
SHIPPED = {
    tomllib.loads(path.read_text(encoding="utf-8"))["id"]
    for path in (REPO_ROOT / "content" / "exercises").glob("*.toml")
}
TIMEOUT = 120


def _env(**extra: str) -> dict[str, str]:
    """This environment, minus anything that could put the repository on ``sys.path``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONNOUSERSITE="1")
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args,
        cwd=cwd,
        env=_env(**env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


def repo_files(folder: str) -> set[str]:
    """Every file under ``folder`` the repository holds (tracked, or new and not ignored)."""
    if shutil.which("git") and (REPO_ROOT / ".git").exists():
        done = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", folder],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            return {
                line
                for line in done.stdout.splitlines()
                if line and (REPO_ROOT / line).is_file()  # a file deleted but not yet committed
            }
    return {
        p.relative_to(REPO_ROOT).as_posix()
        for p in (REPO_ROOT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built once from the repository."""
    out = tmp_path_factory.mktemp("wheel")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(REPO_ROOT),
        ],
        cwd=out,
    )
    wheels = sorted(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def venv(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed, seeing this environment's packages."""
    root = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(root)], cwd=root.parent)
    python = root / "bin" / "python"
    purelib = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            cwd=root,
        ).stdout.strip()
    )
    assert purelib.is_dir() and purelib.is_relative_to(root), purelib
    lines = [str(Path(p)) for p in site.getsitepackages() if Path(p).is_dir()]
    assert lines, "the test environment has no site-packages"
    (purelib / "test-environment.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # --ignore-installed: the test environment's editable install is visible through the .pth;
    # pip must install beside it, never try to uninstall it.
    _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            str(built),
        ],
        cwd=root.parent,
    )
    return root


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_holds_every_content_file(built: Path) -> None:
    expected = repo_files("content")
    assert {"content/__init__.py", "content/path.toml", "content/texts.toml"} <= expected
    assert any(PurePosixPath(f).parent.name == "exercises" for f in expected)
    assert expected - wheel_names(built) == set()


def test_the_wheel_holds_every_module_of_the_core_and_the_screens(built: Path) -> None:
    expected = {f for f in repo_files("workbook") | repo_files("screens") if f.endswith(".py")}
    assert "workbook/cli.py" in expected
    assert expected - wheel_names(built) == set()


def test_the_wheel_declares_the_workbook_command(built: Path) -> None:
    with zipfile.ZipFile(built) as archive:
        points = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
        text = archive.read(points).decode()
    assert "workbook = workbook.cli:main" in text


def test_the_installed_command_lists_every_exercise(venv: Path, tmp_path: Path) -> None:
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    data = tmp_path / "data-for-the-wheel"
    done = _run(
        [str(venv / "bin" / "workbook"), "content", "list", "--json"],
        cwd=cwd,
        WORKBOOK_DATA=str(data),
    )
    rows = json.loads(done.stdout)
    assert {row["id"] for row in rows} == SHIPPED
    for row in rows:
        assert set(row) == {"id", "title", "part", "steps", "minutes", "sensitive"}
    assert not data.exists()  # listing creates nothing


def test_the_installed_packages_come_from_the_venv_not_the_repository(
    venv: Path, tmp_path: Path
) -> None:
    done = _run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import workbook, content, screens; "
            "print(workbook.__file__); print(content.__file__); print(screens.__file__)",
        ],
        cwd=tmp_path,
    )
    paths = [Path(line).resolve() for line in done.stdout.splitlines()]
    assert len(paths) == 3
    for path in paths:
        assert path.is_relative_to(venv.resolve()), path
        assert not path.is_relative_to(REPO_ROOT), path
