"""The shape of the house, checked on the source (an AST walk over reformctl/): which layer
may import which, and no circle of imports.

Layers (DESIGN.md): cli → usecases → audit/export → (registry, corpus store, select, render)
→ model. ``parse`` knows only the model and the registry. Imports inside functions (lazy,
to keep start-up fast) count for the layer rules: a lazy import is still a dependency. For
circles, module-level imports (outside ``if TYPE_CHECKING:``) must form none, since those run
at import time; with lazy imports counted too, the only circles are those listed in
``LAZY_CYCLES_ALLOWED`` (a circle through a lazy import does not break at run time, but it
is two modules that cannot be understood apart). Typing-only imports are left out of circles.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reformctl"


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted
    target: str  # imported module, dotted (a name imported from a package counts as its module)
    line: int
    lazy: bool  # inside a function
    typing_only: bool  # inside `if TYPE_CHECKING:`


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str) -> str:
    """The reformctl module an import names (``from reformctl.export import mail`` → the
    ``reformctl.export.mail`` module when there is one, else the package)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports_of(module: str) -> Iterator[Import]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def visit(node: ast.AST, lazy: bool, typing_only: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                yield from visit(child, True, typing_only)
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                yield from visit(child, lazy, True)
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("reformctl"):
                        yield Import(module, _resolve(alias.name), child.lineno, lazy,
                                     typing_only)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join([*package.split(".")[: len(package.split(".")) - child.level + 1],
                                     *([base] if base else [])])
                if not base.startswith("reformctl"):
                    continue
                for alias in child.names:
                    yield Import(module, _resolve(f"{base}.{alias.name}"), child.lineno, lazy,
                                 typing_only)
            else:
                yield from visit(child, lazy, typing_only)

    yield from visit(tree, False, False)


ALL_IMPORTS = [imp for m in MODULES for imp in imports_of(m) if imp.target != imp.source]


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _violations(sources: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{MODULES[i.source].relative_to(PACKAGE.parent)}:{i.line} imports {i.target}"
        for i in ALL_IMPORTS
        if any(_under(i.source, s) for s in sources)
        and any(_under(i.target, f) for f in forbidden)
    )


# (who, may not import, why) — every import counts, lazy and typing-only ones too.
LAYER_RULES = [
    (("reformctl.audit", "reformctl.export"), ("reformctl.parse",),
     "audit and export read parsed documents and never parse"),
    (("reformctl.parse",), ("reformctl.corpus", "reformctl.yamlio", "reformctl.usecases",
                            "reformctl.audit", "reformctl.export", "reformctl.cli",
                            "reformctl.select", "reformctl.render"),
     "parse knows only the model and the registry (it neither loads nor saves a corpus)"),
    (("reformctl.model", "reformctl.registry", "reformctl.errors", "reformctl.corpus",
      "reformctl.select", "reformctl.render", "reformctl.audit", "reformctl.export",
      "reformctl.usecases"), ("reformctl.cli",),
     "only the CLI knows the CLI"),
    (("reformctl.model", "reformctl.registry", "reformctl.errors", "reformctl.corpus",
      "reformctl.select", "reformctl.render", "reformctl.audit", "reformctl.export",
      "reformctl.parse"), ("reformctl.usecases",),
     "use-cases sit above the layers they combine"),
    (("reformctl.registry", "reformctl.model", "reformctl.errors"),
     ("reformctl.parse", "reformctl.audit", "reformctl.export", "reformctl.corpus"),
     "the registry and the model are at the bottom"),
]


@pytest.mark.parametrize(("sources", "forbidden", "why"), LAYER_RULES,
                         ids=[r[2] for r in LAYER_RULES])
def test_layers_hold(sources: tuple[str, ...], forbidden: tuple[str, ...], why: str) -> None:
    assert _violations(sources, forbidden) == [], why


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def strong(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return out


def _graph(*, lazy: bool) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for i in ALL_IMPORTS:
        if i.typing_only or (i.lazy and not lazy):
            continue
        if _under(i.target, i.source):
            continue  # a package's __init__ re-exporting its own modules

        edges.setdefault(i.source, set()).add(i.target)
    return edges


def test_no_circle_of_module_level_imports() -> None:
    assert _cycles(_graph(lazy=False)) == []


# Circles through lazy imports that are allowed (none: the readers' one is gone, parse/read/
# is a package whose format readers import decode.py, never source.py that picks them).
LAZY_CYCLES_ALLOWED: list[list[str]] = []


def test_no_circle_through_lazy_imports() -> None:
    assert _cycles(_graph(lazy=True)) == LAZY_CYCLES_ALLOWED


def test_the_walk_sees_imports() -> None:
    """The checks above would pass on an empty graph: make sure they see real edges."""
    edges = _graph(lazy=True)
    assert "reformctl.registry" in edges["reformctl.parse.owners"]
    assert "reformctl.parse" in edges["reformctl.usecases.batch"]  # a lazy import
    assert _violations(("reformctl.usecases",), ("reformctl.parse",))
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_package_data_glob_ships_a_file() -> None:
    """A glob in pyproject's package-data that matches nothing is a promise nobody keeps."""
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["reformctl"]
    assert globs
    for pattern in globs:
        assert list(PACKAGE.glob(pattern)), f"package-data {pattern!r} matches no file"


# -- the parser's house (issue 11, points 1 and 2) -------------------------------------------

PARSE = PACKAGE / "parse"
VOCAB = PARSE / "vocab"
MAX_FUNCTION_LINES = 80
# Functions of parse/ still longer than that (none left: a function that grows past the
# limit fails the test).
LONG_FUNCTIONS_LEFT: set[str] = set()


def _functions(path: Path) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_no_function_of_the_parser_is_over_80_lines() -> None:
    long = set()
    for path in sorted(PARSE.rglob("*.py")):
        for fn in _functions(path):
            assert fn.end_lineno is not None
            if fn.end_lineno - fn.lineno + 1 > MAX_FUNCTION_LINES:
                long.add(f"{path.relative_to(PARSE)}:{fn.name}")
    assert long == LONG_FUNCTIONS_LEFT


def _vocabulary_words() -> set[str]:
    from reformctl.parse.vocab import roles
    from reformctl.parse.vocab import time as time_words

    return {*roles.ROLE_WORDS, *time_words.TIME_LABELS, *time_words.TIME_LABEL_TAILS}


# Modules whose time patterns are not yet built from vocab/time.py (none left).
TIME_WORDS_LEFT_IN: set[str] = set()


def _literal_words_in_compiles(path: Path, words: set[str], source: str = "") -> list[str]:
    """Words of the vocabulary written out inside a ``re.compile``/``regex.compile`` call."""
    found = []
    tree = ast.parse(source or path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "compile"):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                found += [f"{path.name}:{sub.lineno}: {w}" for w in sorted(words) if w in sub.value]
    return found


def test_role_and_time_patterns_build_on_the_vocabulary() -> None:
    """Outside parse/vocab/, no pattern of the parser writes out a role word or a time label:
    it takes them from the vocabulary, so a new wording is one line there (a word inside a
    longer one counts too: "指导思想" holds 指导, and lives in vocab/headings.py)."""
    from reformctl.parse.vocab import roles

    words = _vocabulary_words()
    role_words = set(roles.ROLE_WORDS)
    offenders = []
    for path in sorted(PARSE.rglob("*.py")):
        if VOCAB in path.parents:
            continue
        checked = role_words if path.name in TIME_WORDS_LEFT_IN else words
        offenders += _literal_words_in_compiles(path, checked)
    assert offenders == []
    # The check sees what it looks for: the owner hint as line_passes.py wrote it before.
    before = 'OWNER_HINT = re.compile(r"[（(][^（()）]{0,80}?(?:牵头|负责(?!人)|配合|责任单位)")'
    assert len(_literal_words_in_compiles(PARSE / "line_passes.py", words, before)) == 4


def test_every_command_module_is_registered() -> None:
    """cli/__init__ imports the command modules it lists, and every cli/*_cmd.py is listed:
    a command cannot go missing from `reformctl --help` without a failing import."""
    from reformctl.cli import COMMAND_MODULES

    on_disk = sorted(p.stem for p in (PACKAGE / "cli").glob("*_cmd.py"))
    assert sorted(COMMAND_MODULES) == on_disk


# Distribution name → the module it is imported as, where they differ.
IMPORT_NAME = {"pyyaml": "yaml", "python-docx": "docx", "charset-normalizer": "charset_normalizer",
               "beautifulsoup4": "bs4", "fonttools": "fontTools"}


def test_every_declared_dependency_is_used() -> None:
    """A dependency in pyproject.toml that no module imports is a cost with no use."""
    import re
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    imported: set[str] = set()
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    for requirement in config["project"]["dependencies"]:
        dist = re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower()
        assert IMPORT_NAME.get(dist, dist.replace("-", "_")) in imported, f"{dist} is never imported"
