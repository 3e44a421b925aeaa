"""English words a Chinese reader meets: run every command on the shipped corpus in Chinese.

Each command and subcommand runs with ``--lang zh`` on a copy of the shipped corpus (the seed,
its registry and the example recipients), in every format people read and on its error paths
(a bad option, a missing argument, a bad value, an unknown id, an unreadable file); the files
people open are read too (the xlsx cells, the calendar, the report's text, the mail). What is
left after taking out what stays English on purpose (ids, paths, file names, options and
commands, addresses, machine formats' keys, format names) is printed with the invocation.

    .venv/bin/python tools/english_in_zh.py            # every finding; exit 1 if any
    .venv/bin/python tools/english_in_zh.py -v         # and every invocation's output
    .venv/bin/python tools/english_in_zh.py --lang en  # Chinese wording in English output

With ``--lang en`` it looks the other way: Chinese in English output that is not the
documents' own (titles, names, phrases), what the runs typed, or Chinese by design (the
fill-in sheet, the mail, ``--headers zh``, help examples). tests/test_i18n_errors.py runs
both and expects no finding.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_TXT = CORPUS / "000_675e6135523c2031.txt"
SEED_YAML = CORPUS / "000_675e6135523c2031.yaml"
AS_OF = ("--as-of", "2021-10-01")

# Words that stay as they are in Chinese text: the program, formats, units and standards.
ALLOWED = {
    "reformctl", "yaml", "json", "csv", "tsv", "md", "xlsx", "ics", "html", "txt", "docx",
    "pdf", "utf", "UTF", "YAML", "JSON", "CSV", "TSV", "XLSX", "HTML", "PDF", "SMTP", "smtp",
    "smtps", "STARTTLS", "starttls", "TLS", "ssl", "URL", "MB", "KB", "YYYY", "MM", "DD",
    "mbox", "sendmail", "stdout", "stdin", "Noto", "Sans", "CJK", "SC", "PRODID", "VCALENDAR",
    "zh", "en", "keys", "jinja", "Jinja", "id", "ID", "GB", "Excel", "WPS", "ok", "OK",
    "PATH", "xlsm", "jieba", "TF-IDF", "TF", "IDF", "less", "OCR", "ZIP", "BOM", "UID", "SVG",
    "DIR", "YYYY-MM-DD", "MM-DD", "CA", "shell", "stderr",
}
# Help pages name file formats' keys and URL syntax, and wrap long option names.
HELP_ALLOWED = {"Schema", "leads", "department", "progress", "leaders", "host", "port", "user",
                "deadline", "j2", "summary", "multiple", "unknown"}
# What the user types, named in help and errors: commands, checks, option values.
TYPED = {
    "parse", "validate", "list", "show", "due", "audit", "depts", "status", "diff", "export",
    "report", "notify", "import", "overdue", "missing-owner", "no-lead", "multiple-leads",
    "lead-and-responsible", "overlap", "unknown-department", "unresolved-deadline", "open",
    "in-progress", "done", "dropped", "reopen", "all", "table", "text", "plan", "dept",
    "error", "warning", "info", "source", "true", "false",
}
# Spans that are not prose: taken out before looking for words.
NOT_PROSE = [
    re.compile(r"reformctl(?:[ \t]+[\x21-\x7e]+)+"),            # a command line: reformctl due -m 9
    re.compile(r"`[^`\n]*`"),                                  # `reformctl due --help`
    re.compile(r"https?://\S+|smtps?(\+starttls)?://\S+"),     # URLs
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),                 # addresses
    re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*(=\S+)?"),         # --options, -o
    re.compile(r"\$[A-Z_]+"),                                  # $REFORMCTL_LANG
    re.compile(r"\b_reformctl_\w+"),                          # the fill-in sheet's hidden key
    re.compile(r"(?:[\w.~-]*/)+[\w.@-]*"),                     # paths
    re.compile(r"[\w.-]+\.(txt|yaml|yml|json|csv|tsv|xlsx|ics|html|md|docx|doc|pdf|j2|lock|mo|po)\b"),
    re.compile(r"\d+(\.\d+)*@[\d-]+"),                         # milestone ids 1.4@07-31
    re.compile(r"'[^'\n]*'|\"[^\"\n]*\""),                     # quoted values the user gave
    re.compile(r"\[[a-z]+(-[a-z]+)+\]"),                       # [deadline-unresolved] codes
    re.compile(r"\b[0-9a-f]{8,}\b"),                            # hashes, document names
    re.compile(r"\b\d+[A-Za-z]+\b"),                           # 2.4MB, 3s
]
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")


def english_words(text: str) -> list[str]:
    """The English words of ``text`` that a Chinese reader should not meet."""
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return [w for w in WORD.findall(text)
            if w not in ALLOWED and w not in TYPED and len(w) > 1]


@dataclass
class Run:
    args: list[str]
    # Files the command writes that people read: their text is checked too.
    reads: Callable[[Path], str] | None = None
    # Words this invocation's output may keep (a value the user typed, a command's name).
    allow: set[str] = field(default_factory=set)
    stdin: str | None = None
    # Output in a machine format (yaml, json): only its running is checked.
    machine: bool = False
    # Chinese whatever the language (the fill-in sheet, the mail, --headers zh, a sheet's
    # cells quoted): not checked for Chinese wording in English output.
    chinese: bool = False
    # Done before the run (fill in a sheet, break a file).
    before: Callable[[Path], None] | None = None
    # How to read stdout when it is a file format (the mbox of notify --print).
    stdout_reader: Callable[[str], str] | None = None


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        out.append(ws.title)
        for row in ws.iter_rows(values_only=True):
            out.extend(str(v) for v in row if isinstance(v, str))
    return "\n".join(out)


def _html_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", text)
    text = re.sub(r"(?s)<[^>]*>", "\n", text)
    return html.unescape(text)


def _ics_text(path: Path) -> str:
    """The calendar's summaries and descriptions (the rest is the format's own words)."""
    text = path.read_text(encoding="utf-8").replace("\r\n ", "")
    keep = [line.split(":", 1)[1] for line in text.splitlines()
            if line.split(":", 1)[0].split(";")[0] in ("SUMMARY", "DESCRIPTION", "X-WR-CALNAME")]
    return "\n".join(s.replace("\\n", "\n").replace("\\,", ",") for s in keep)


def _mail_text(raw: bytes) -> str:
    """The mail's subject and bodies (headers' names are the format's)."""
    import email
    from email import policy

    out = []
    for chunk in re.split(rb"(?m)^From \S+ .*\n", raw):
        if not chunk.strip():
            continue
        msg = email.message_from_bytes(chunk, policy=policy.default)
        out.append(str(msg["Subject"] or ""))
        out.append(str(msg["From"].addresses[0].display_name if msg["From"] else ""))
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                out.append(part.get_content())
            elif part.get_content_type() == "text/html":
                out.append(_html_text_of(part.get_content()))
    return "\n".join(out)


def _html_text_of(text: str) -> str:
    text = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", text)
    return html.unescape(re.sub(r"(?s)<[^>]*>", "\n", text))


def _fill_in(work: Path) -> None:
    """A department's sheet as it comes back: one milestone done, one with a word that is no
    status, one note."""
    from openpyxl import load_workbook

    wb = load_workbook(work / "fill.xlsx")
    ws = wb.worksheets[0]
    top = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    header = [str(c.value or "") for c in ws[top]]
    status = next(i for i, h in enumerate(header) if h.startswith("完成情况")) + 1
    note = next(i for i, h in enumerate(header) if h.startswith("进展情况")) + 1
    ws.cell(top + 1, status).value = "已完成"
    ws.cell(top + 2, status).value = "差不多"
    ws.cell(top + 3, note).value = "已完成系统对接，待验收"
    wb.save(work / "filled.xlsx")


def _break_corpus(work: Path) -> None:
    """A second corpus whose document lost a measure's id."""
    broken = work / "broken"
    broken.mkdir(exist_ok=True)
    text = (work / "corpus" / SEED_YAML.name).read_text(encoding="utf-8")
    (broken / SEED_YAML.name).write_text(text.replace("- id: '1.3'\n    key:", "- key:", 1),
                                         encoding="utf-8")


def _folder(work: Path) -> None:
    """A folder of sources as an office has one: a plan, a README, an old .doc."""
    folder = work / "sources"
    folder.mkdir(exist_ok=True)
    shutil.copy(work / "seed.txt", folder / "plan.txt")
    (folder / "README.md").write_text("说明\n", encoding="utf-8")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def _file(name: str, reader: Callable[[Path], str]) -> Callable[[Path], str]:
    return lambda work: reader(work / name)


def invocations(work: Path) -> list[Run]:
    """Every command in the formats people read, and its error paths."""
    c = str(work / "corpus")
    seed = str(work / "seed.txt")
    later = str(work / "later.txt")
    bad_yaml = str(work / "bad.yaml")
    runs = [
        # top level and usage errors
        Run([]), Run(["--help"]), Run(["--version"]), Run(["nosuch"], allow={"nosuch"}),
        Run(["--lang", "fr", "list"], allow={"fr"}), Run(["--bogus"]),
        Run(["--corpus", str(work / "empty"), "list"]),
        # parse
        Run(["parse", "--help"]), Run(["parse", seed, "-o", str(work / "p.yaml")]),
        Run(["parse", seed, "-o", "-", "-q"], machine=True), Run(["parse"]),
        Run(["parse", str(work / "missing.txt")]), Run(["parse", str(work / "empty")]),
        Run(["parse", bad_yaml]), Run(["parse", seed, "--year", "1800"]),
        Run(["parse", seed, "-f", "xml"], allow={"xml"}),
        Run(["parse", seed, "--timeout", "-1"]),
        # validate
        Run(["validate", "--help"]), Run(["validate", str(work / "corpus" / SEED_YAML.name)]),
        Run(["validate", bad_yaml]), Run(["validate", str(work / "schema_bad.yaml")]),
        # list / show
        Run(["list", "--help"]), Run(["list", "-c", c]), Run(["list", "-c", c, "-f", "md"]),
        Run(["list", "-c", c, "-f", "csv", "--headers", "zh"], chinese=True),
        Run(["list", "-c", c, "--dept", "财政"]), Run(["list", "-c", c, "--dept", "不存在局"]),
        Run(["list", "-c", c, "--plan", "99"]), Run(["list", "-c", c, "--grep", "("]),
        Run(["list", "-c", c, "-f", "xml"], allow={"xml"}),
        Run(["show", "--help"]), Run(["show", "1.4", "-c", c]),
        Run(["show", "14.10", "-c", c, "--source"]), Run(["show", "-c", c]),
        Run(["show", "99.9", "-c", c]), Run(["show", "1.4", "extra", "-c", c], allow={"extra"}),
        Run(["show", "1.4", "-c", c, "-f", "csv"]),
        # due
        Run(["due", "--help"]), Run(["due", "-c", c, "--month", "9", *AS_OF]),
        Run(["due", "-c", c, "--overdue", *AS_OF, "--by", "dept"]),
        Run(["due", "-c", c, "--month", "9", *AS_OF, "-f", "md"]),
        Run(["due", "-c", c, "--month", "9", *AS_OF, "-f", "csv", "--headers", "zh"], chinese=True),
        Run(["due", "-c", c, "--within", "30", *AS_OF, "--by", "plan"]),
        Run(["due", "-c", c, "--month", "13"]), Run(["due", "-c", c, "--month", "x"]),
        Run(["due", "-c", c, "--month"]), Run(["due", "-c", c, "--overdue=3"]),
        Run(["due", "-c", c, "--bogus"]), Run(["due", "-c", c, "--as-of", "2021-13-01"]),
        Run(["due", "-c", c, "--status", "late"], allow={"late"}),
        Run(["due", "-c", c, "--by", "month"], allow={"month"}),
        Run(["due", "-c", c, "--year", "1900"]), Run(["due", "-c", c, "--within", "-1"]),
        Run(["due", "-c", c, "--headers", "fr"], allow={"fr"}),
        Run(["due", "-c", c, "--month", "2", *AS_OF]),
        # audit
        Run(["audit", "--help"]), Run(["audit", "-c", c, *AS_OF]),
        Run(["audit", "-c", c, "--list-checks"]),
        Run(["audit", "-c", c, *AS_OF, "-f", "md"]),
        Run(["audit", "-c", c, "-k", "nosuch"], allow={"nosuch"}),
        Run(["audit", "-c", c, "--fail-on", "fatal"], allow={"fatal"}),
        Run(["audit", "-c", c, "--overlap-threshold", "2"]),
        # depts
        Run(["depts", "--help"]), Run(["depts", "-c", c, *AS_OF]),
        Run(["depts", "-c", c, *AS_OF, "-f", "md"]),
        Run(["depts", "-c", c, *AS_OF, "--dept", "人社局"]),
        # status
        Run(["status", "--help"]), Run(["status", "-c", c]),
        Run(["status", "1.4", "-c", c]),
        Run(["status", "1.4@07-31", "done", "--date", "2021-07-30", "-c", c, "--by", "王敏"]),
        Run(["status", "1.4", "in-progress", "--note", "已完成系统对接", "-c", c, "--by", "王敏"]),
        Run(["status", "1.4", "--history", "-c", c]),
        Run(["status", "1.4", "-c", c, "-f", "md"]),
        Run(["status", "1.4", "finished", "-c", c], allow={"finished"}),
        Run(["status", "1.4@02-30", "done", "-c", c]),
        Run(["status", "1.4@12-31", "done", "-c", c]),
        Run(["status", "99.9", "done", "-c", c]),
        Run(["status", "import", "-c", c]),
        Run(["status", "import", str(work / "missing.xlsx"), "-c", c]),
        Run(["status", "import", str(work / "fill.xlsx"), "--dry-run", "-c", c]),
        Run(["status", "import", seed, "-c", c]),
        # diff
        Run(["diff", "--help"]), Run(["diff", seed, later, "-c", c]),
        Run(["diff", seed, later, "-c", c, "-f", "md"]),
        Run(["diff", seed, "-c", c]), Run(["diff", seed, str(work / "missing.txt"), "-c", c]),
        Run(["diff", seed, later, "-c", c, "--threshold", "3"]),
        # export
        Run(["export", "--help"]),
        Run(["export", "xlsx", "-o", str(work / "ledger.xlsx"), "-c", c, *AS_OF],
            reads=_file("ledger.xlsx", _xlsx_text)),
        Run(["export", "xlsx", "--dept", "市财政局", "-o", str(work / "fill.xlsx"), "-c", c,
             *AS_OF], reads=_file("fill.xlsx", _xlsx_text), chinese=True),
        Run(["export", "xlsx", "--per-dept", str(work / "per"), "-c", c, *AS_OF]),
        Run(["export", "md", "-c", c, *AS_OF]),
        Run(["export", "csv", "-c", c, *AS_OF, "-o", str(work / "ledger.csv")]),
        Run(["export", "ics", "-o", str(work / "due.ics"), "-c", c, *AS_OF],
            reads=_file("due.ics", _ics_text)),
        Run(["export", "-c", c]), Run(["export", "pdf", "-c", c]),
        Run(["export", "csv", "-o", str(work / "nodir" / "x.csv"), "-c", c]),
        Run(["export", "xlsx", "--status", "late", "-o", str(work / "x.xlsx"), "-c", c],
            allow={"late"}),
        Run(["export", "ics", "--remind", "-3", "-c", c]),
        # report
        Run(["report", "--help"]),
        Run(["report", "-o", str(work / "report.html"), "-c", c, *AS_OF],
            reads=_file("report.html", _html_text)),
        Run(["report", "-c", c, "-o", str(work / "nodir" / "r.html")]),
        # notify
        Run(["notify", "--help"]),
        Run(["notify", "--dry-run", "-c", c, *AS_OF]),
        Run(["notify", "--dry-run", "-c", c, *AS_OF, "-r", str(work / "recipients.yaml")]),
        Run(["notify", "--print", "--from", "duban@example.gov.cn", "-c", c, *AS_OF,
             "-r", str(work / "recipients.yaml"), "--fallback", "duban@example.gov.cn",
             "--summary-to", "duban@example.gov.cn"],
            stdout_reader=lambda text: _mail_text(text.encode("utf-8")), chinese=True),
        Run(["notify", "-c", c, *AS_OF]), Run(["notify", "--print", "-c", c, *AS_OF]),
        Run(["notify", "--dry-run", "--ssl", "--starttls", "-c", c]),
        Run(["notify", "--dry-run", "-r", bad_yaml, "-c", c]),
        Run(["notify", "--dry-run", "-r", str(work / "missing.yaml"), "-c", c]),
        Run(["notify", "--smtp", "smtp://u:pw@host", "--from", "a@b.cn", "-c", c]),
        Run(["notify", "--smtp", "nohost", "--from", "a@b.cn", "-c", c],
            allow={"nohost", "host", "port", "user"}),
        Run(["notify", "--print", "--from", "not-an-address", "-c", c]),
        Run(["notify", "--dry-run", "--dept", "不存在局", "-c", c]),
        Run(["notify", "--dry-run", "--within", "30", "-c", c, *AS_OF, "-f", "md",
             "-r", str(work / "recipients.yaml")]),
        # more formats and paths people meet
        Run(["parse", str(work / "sources"), "-o", str(work / "out") + "/"], before=_folder),
        Run(["parse", seed, "-c", c]),
        Run(["list", "-c", c, "-f", "tsv", "--headers", "zh"], chinese=True),
        Run(["due", "-c", c, "--month", "9", *AS_OF, "-f", "tsv", "--headers", "zh"], chinese=True),
        Run(["due", "-c", c, "--dept", "服务中心", *AS_OF]),
        Run(["due", "-c", c, "--status", "done", *AS_OF]),
        Run(["depts", "-c", c, *AS_OF, "-f", "csv"], machine=True),
        Run(["show", "14.10.2", "-c", c]), Run(["show", "3.8", "-c", c, "--no-source"]),
        Run(["status", "1.4", "--history", "-c", c, "-f", "md"]),
        Run(["status", "1.4@07-31", "reopen", "-c", c, "--by", "王敏"]),
        Run(["status", "import", str(work / "filled.xlsx"), "--dry-run", "-c", c],
            before=_fill_in, chinese=True),
        Run(["status", "import", str(work / "filled.xlsx"), "-c", c, "--by", "王敏"],
            chinese=True),
        Run(["status", "-c", c, "-f", "md"]),
        Run(["diff", seed, seed, "-c", c]),
        Run(["export", "md", "--status", "open", "-c", c, *AS_OF]),
        Run(["report", "--dept", "人社局", "--no-overlap", "-o", str(work / "r2.html"), "-c", c,
             *AS_OF], reads=_file("r2.html", _html_text)),
        Run(["audit", "-c", c, *AS_OF, "--fail-on", "warning", "-k", "no-lead,unknown-department"]),
        Run(["--corpus", str(work / "corpus" / SEED_YAML.name), "due", "--month", "8", *AS_OF]),
        Run(["list", "-c", str(work / "broken")], before=_break_corpus),
        Run(["validate", str(work / "corpus" / "departments.yaml")]),
        Run(["notify", "--dry-run", "-r", str(work / "bad_recipients.yaml"), "-c", c]),
    ]
    return runs


def prepare(work: Path) -> None:
    """The shipped corpus, a later version of the seed and some broken files in ``work``."""
    corpus = work / "corpus"
    corpus.mkdir()
    for name in (SEED_YAML.name, "departments.yaml"):
        shutil.copy(CORPUS / name, corpus / name)
    (work / "empty").mkdir()
    shutil.copy(SEED_TXT, work / "seed.txt")
    text = SEED_TXT.read_text(encoding="utf-8")
    (work / "later.txt").write_text(text.replace("9月底前", "10月底前", 1), encoding="utf-8")
    (work / "bad.yaml").write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    (work / "schema_bad.yaml").write_text("document:\n  title: 1\nplans: 3\n", encoding="utf-8")
    shutil.copy(CORPUS / "recipients.example.yaml", work / "recipients.yaml")
    (work / "bad_recipients.yaml").write_text("市财政局: [czj@example.gov.cn, 财政局邮箱]\n",
                                              encoding="utf-8")


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@dataclass
class Finding:
    args: list[str]
    words: list[str]
    lines: list[str]


CJK_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


def chinese_words(text: str, known: str) -> list[str]:
    """Runs of Chinese in ``text`` that are not in ``known`` (the documents, the registry,
    what the user typed): fixed Chinese wording in English output."""
    pieces = (p for run in CJK_RUN.findall(text) for p in re.split(r"[\u3000-\u303f，；：（）“”！？]+", run))
    return [p for p in pieces if p and p not in known]


def scan(verbose: bool = False, lang: str = "zh") -> list[Finding]:
    from typer.testing import CliRunner

    from reformctl.cli import app

    findings: list[Finding] = []
    env = {"REFORMCTL_LANG": lang, "COLUMNS": "160", "NO_COLOR": "1",
           "REFORMCTL_CACHE_DIR": ""}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env["REFORMCTL_CACHE_DIR"] = str(work / "cache")
        prepare(work)
        known = "\n".join(p.read_text(encoding="utf-8") for p in (
            SEED_TXT, SEED_YAML, CORPUS / "departments.yaml",
            CORPUS / "recipients.example.yaml", ROOT / "reformctl/data/departments.yaml"))
        # what the runs type (a note, a --by, a --dept) and the notes of the filled-in sheet
        known += "\n".join(" ".join(run.args) for run in invocations(work))
        known += "\n已完成系统对接，待验收 台账 财政局邮箱"
        runner = CliRunner()
        with _inside(work):
            for run in invocations(work):
                if run.before is not None:
                    run.before(work)
                args = ["--lang", lang, *run.args]
                result = runner.invoke(app, args, env=env, input=run.stdin)
                stdout = "" if run.machine else result.stdout
                if run.stdout_reader is not None and result.exit_code in (0, 1):
                    stdout = run.stdout_reader(stdout)
                text = stdout + "\n" + result.stderr
                if result.exception and not isinstance(result.exception, SystemExit):
                    text += f"\n{type(result.exception).__name__}: {result.exception}"
                if run.reads is not None:
                    with contextlib.suppress(OSError):
                        text += "\n" + run.reads(work)
                if verbose:
                    print(f"$ reformctl {' '.join(run.args)}  → {result.exit_code}")
                    print(text)
                bad_lines = []
                words: list[str] = []
                for line in text.splitlines():
                    helps = "--help" in run.args or not run.args
                    allow = run.allow | (HELP_ALLOWED if helps else set())
                    if lang == "en":
                        # help names the sheet's Chinese columns and examples on purpose
                        found = [] if run.chinese or helps else chinese_words(line, known)
                    else:
                        found = [w for w in english_words(line) if w not in allow]
                    if found:
                        bad_lines.append(line)
                        words += found
                if words:
                    findings.append(Finding(run.args, sorted(set(words)), bad_lines))
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"),
                        help="en: look for fixed Chinese wording in English output instead")
    args = parser.parse_args(argv)
    findings = scan(verbose=args.verbose, lang=args.lang)
    for f in findings:
        print(f"$ reformctl --lang {args.lang} {' '.join(f.args)}")
        for line in f.lines[:12]:
            print(f"    {line[:200]}")
        if len(f.lines) > 12:
            print(f"    … {len(f.lines) - 12} more lines")
    what = "English words" if args.lang == "zh" else "Chinese wording"
    print(f"{len(findings)} invocations with {what}", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
