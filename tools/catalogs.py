"""`make catalogs`: extract the messages, update the .po catalogs, compile the .mo files.

Messages come from three places:
- calls of ``_()``, ``N_()`` and ``ngettext()`` in ``reformctl/`` (Babel's Python extractor);
- the parser's warning templates, ``warning(line, code, "template {x}", x=…)`` in
  ``reformctl/parse/`` (which imports no gettext; the CLI translates them);
- the help texts of the CLI (command docstrings, ``help=`` of every option and argument),
  read from the typer command tree itself, so help strings need no marking.

The English catalog is filled from the source (msgstr = msgid) wherever it has no wording of
its own; a Chinese message without a translation is listed and the run exits 1. The compiled
``.mo`` files are committed (an install needs no build step); ``tests/test_i18n.py`` checks
that they are what this script would write.

    .venv/bin/python tools/catalogs.py           # update and compile
    .venv/bin/python tools/catalogs.py --check   # only say whether anything is stale
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reformctl"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "reformctl"
LOCALES = ("zh_CN", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "count": (1, 2), "n_": (1, 2),
            # a constant message of an error is translated when the error is shown
            "InputError": (1,), "SchemaError": (1,), "UsageError": (1,), "ReformctlError": (1,),
            "BadAddress": (1,), "wording": (1,)}
PARSER_KEYWORDS = {"warning": (3,), "InputError": (1,), "SchemaError": (1,), "wording": (1,)}

# _("…") or _('…') with a plain literal (no escapes), wherever it stands.
IN_FSTRING = re.compile(r"""\b_\(\s*(?:"(?P<dq>[^"\\\n{]*(?:\{[^"\\\n]*)?)"|'(?P<sq>[^'\\\n]*)')\s*\)""")
Message = tuple[str, ...]  # (msgid,) or (singular, plural)
Location = tuple[str, None]


def extract() -> dict[Message, list[Location]]:
    """Every message with where it is used, in a stable order."""
    found: dict[Message, list[Location]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        # The parser's messages are not translated (yet); its `_` names are not gettext.
        str(PACKAGE), method_map=[("parse/**.py", "ignore"), ("**.py", "python")],
        keywords=KEYWORDS,
    ):
        key: Message = tuple(message) if isinstance(message, tuple) else (message,)
        if not key[0]:
            continue
        # File names only: line numbers would change the catalogs with every edit above.
        found.setdefault(key, []).append((f"reformctl/{filename}", None))
    # The parser knows no gettext: its warnings are model.warning(line, code, template, …),
    # whose English template the CLI translates.
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE / "parse"), method_map=[("**.py", "python")], keywords=PARSER_KEYWORDS,
    ):
        if message:
            found.setdefault((message,), []).append((f"reformctl/parse/{filename}", None))
    # Babel does not look inside f-strings ({_("lead")} in an HTML template): a plain
    # literal in _() anywhere counts too.
    for path in sorted(PACKAGE.rglob("*.py")):
        if "parse" in path.relative_to(PACKAGE).parts[:1]:
            continue
        for match in IN_FSTRING.finditer(path.read_text(encoding="utf-8")):
            text = match.group("dq") if match.group("dq") is not None else match.group("sq")
            if text:
                where = (f"reformctl/{path.relative_to(PACKAGE).as_posix()}", None)
                found.setdefault((text,), []).append(where)
    for text, where in help_texts():
        found.setdefault((text,), []).append((where, None))
    return found


def help_texts() -> list[tuple[str, str]]:
    """(text, where) of every help text in the CLI's command tree."""
    import typer.main

    from reformctl.cli import app

    out: list[tuple[str, str]] = []
    group = typer.main.get_command(app)

    def visit(command: object, path: str) -> None:
        for attr in ("help", "short_help"):
            text = getattr(command, attr, None)
            if text:
                out.append((text, path))
        for param in getattr(command, "params", ()):
            if param.help:
                out.append((param.help, f"{path} {param.name}"))
            if param.metavar:
                out.append((param.metavar, f"{path} {param.name}"))
        for name, sub in getattr(command, "commands", {}).items():
            visit(sub, f"{path} {name}")

    visit(group, "reformctl")
    return out


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def updated_catalog(locale: str, messages: dict[Message, list[Location]]) -> Catalog:
    """The locale's catalog with exactly ``messages``; known translations kept."""
    path = po_path(locale)
    old: dict[str, object] = {}
    if path.is_file():
        with path.open("rb") as fh:
            for m in read_po(fh, locale=locale):
                if m.id:
                    old[m.id if isinstance(m.id, str) else m.id[0]] = m.string
    catalog = Catalog(locale=locale, domain=DOMAIN, project="reformctl",
                      charset="utf-8", fuzzy=False)
    for key, locations in messages.items():
        msgid: str | tuple[str, ...] = key[0] if len(key) == 1 else key
        known = old.get(key[0])
        if len(key) == 1:
            string: object = known if isinstance(known, str) and known else ""
            if locale == "en" and not string:
                string = key[0]
        else:
            string = known if isinstance(known, (tuple, list)) and all(known) else None
            if string is None:
                string = key if locale == "en" else ("",) * catalog.num_plurals
        catalog.add(msgid, string, locations=list(dict.fromkeys(locations))[:3])
    return catalog


FIXED_DATE = datetime(2021, 1, 1, tzinfo=UTC)


def po_text(catalog: Catalog) -> bytes:
    # The header's dates would change every run: keep the file stable.
    catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=False, sort_output=False,
             no_location=False, include_previous=False)
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def compiled_from_po(locale: str, text: bytes | None = None) -> bytes:
    """The .mo that the committed .po (or ``text``) compiles to (what the test compares)."""
    data = po_path(locale).read_bytes() if text is None else text
    return mo_bytes(read_po(io.BytesIO(data), locale=locale))


def untranslated(catalog: Catalog) -> list[str]:
    out = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
        if not all(strings):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale catalogs")
    args = parser.parse_args(argv)
    messages = extract()
    stale = False
    missing: list[str] = []
    for locale in LOCALES:
        catalog = updated_catalog(locale, messages)
        po = po_path(locale)
        text = po_text(catalog)
        mo = po.with_suffix(".mo")
        binary = compiled_from_po(locale, text)
        if not po.is_file() or po.read_bytes() != text or not mo.is_file() \
                or mo.read_bytes() != binary:
            stale = True
            if not args.check:
                po.parent.mkdir(parents=True, exist_ok=True)
                po.write_bytes(text)
                mo.write_bytes(binary)
                print(f"wrote {po.relative_to(ROOT)} and {mo.name}")
        if locale != "en":
            missing += [f"{locale}: {m}" for m in untranslated(catalog)]
    print(f"{len(messages)} messages; {len(missing)} without a translation")
    for line in missing:
        print("  " + line.replace("\n", "\\n"))
    if args.check and stale:
        print("catalogs are stale: run `make catalogs`", file=sys.stderr)
    return 1 if missing or (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
