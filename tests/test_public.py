"""The public surface: ``import reformctl`` and ``reformctl --version``."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from typer.testing import CliRunner

import reformctl
from reformctl.cli import app

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_imports_nothing_until_asked() -> None:
    """`import reformctl` (every command does it) loads no submodule; the public names come
    on first use."""
    code = ("import sys, reformctl; print(sorted(m for m in sys.modules if m.startswith("
            "'reformctl.'))); print(reformctl.Document.__name__, reformctl.parse_text.__name__,"
            " reformctl.load_corpus.__name__, reformctl.InputError.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["[]", "Document parse_text load_corpus InputError"]
    assert set(reformctl.__all__) >= {"parse_file", "parse_text", "load_corpus", "Document",
                                      "ReformctlError", "InputError", "SchemaError",
                                      "UsageError", "__version__"}
    for name in reformctl.__all__:
        assert getattr(reformctl, name) is not None


def test_version() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"reformctl {declared['project']['version']}\n"
    assert reformctl.__version__ == declared["project"]["version"]


def test_library_use_as_in_the_docstring() -> None:
    doc = reformctl.parse_file(ROOT / "corpus" / "000_675e6135523c2031.txt")
    assert isinstance(doc, reformctl.Document)
    corpus = reformctl.load_corpus(ROOT / "corpus")
    assert [m.id for _, _, m in corpus.walk()][:2] == ["1.1", "1.2"]


def test_due_without_departments_does_not_load_the_registry(tmp_path: Path) -> None:
    """Start-up: `due` without --dept or --by dept neither reads nor imports the registry."""
    import shutil

    shutil.copy(ROOT / "corpus" / "000_675e6135523c2031.yaml", tmp_path)
    code = ("import sys\n"
            "from reformctl.cli import app\n"
            f"sys.argv = ['reformctl', 'due', '--month', '9', '--corpus', {str(tmp_path)!r}]\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "print('reformctl.registry' in sys.modules, file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert "1.1" in run.stdout
    assert run.stderr.strip() == "False"
