"""What a user meets below the tables, in both languages, exactly: typer's (click's) own
usage errors, the library's one-line errors (readers, schema, corpus, milestones, options),
audit findings, the calendar's text, the ledger's milestone cells, notify's hint; and the
whole CLI run in Chinese on the shipped corpus with no English word left (tools/
english_in_zh.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from seedfiles import ROOT, SEED_YAML
from typer.testing import CliRunner

from reformctl.cli import app

runner = CliRunner()


def run(lang: str, *args: str) -> object:
    return runner.invoke(app, ["--lang", lang, *args])


# -- typer's own usage errors --------------------------------------------------------------

USAGE = [
    (["due", "--month", "x"],
     "--month / -m 的取值无效：'x' 不是整数（见 `reformctl due --help`）",
     "invalid value for --month / -m: 'x' is not a whole number (see `reformctl due --help`)"),
    (["due", "--bogus"],
     "没有选项 --bogus（是否要用 --corpus？）（见 `reformctl due --help`）",
     "no such option: --bogus (did you mean --corpus?) (see `reformctl due --help`)"),
    (["show"],
     "缺少参数 编号（见 `reformctl show --help`）",
     "missing argument ID (see `reformctl show --help`)"),
    (["show", "1.4", "extra"],
     "多余的参数：extra（见 `reformctl show --help`）",
     "unexpected extra arguments: extra (see `reformctl show --help`)"),
    (["diff", "a.txt"],
     "缺少参数 新版本（见 `reformctl diff --help`）",
     "missing argument NEW (see `reformctl diff --help`)"),
    (["due", "--year", "1800"],
     "--year 的取值无效：1800 超出范围 1949<=x<=2100（见 `reformctl due --help`）",
     "invalid value for --year: 1800 is outside 1949<=x<=2100 (see `reformctl due --help`)"),
    (["list", "--plan"],
     "选项 --plan 需要一个值（见 `reformctl list --help`）",
     "option --plan needs a value (see `reformctl list --help`)"),
    # typer's own suggestion for a mistyped command, once "没有命令 'dur'。. Did you mean 'due'?"
    (["dur"],
     "没有命令 'dur'（是否要用 'due'？）（见 `reformctl --help`）",
     "no such command 'dur' (did you mean 'due'?) (see `reformctl --help`)"),
    (["due", "--overdue=3"],
     "选项 --overdue 不带值（见 `reformctl due --help`）",
     "option --overdue takes no value (see `reformctl due --help`)"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("args", "zh", "en"), USAGE, ids=[" ".join(u[0]) for u in USAGE])
def test_usage_errors_in_the_readers_language(lang: str, args: list[str], zh: str,
                                              en: str) -> None:
    result = run(lang, *args)
    assert result.exit_code == 2
    word = "错误" if lang == "zh" else "error"
    assert result.stderr == f"reformctl: {word}: {zh if lang == 'zh' else en}\n"


def test_usage_line_and_bare_command_in_chinese() -> None:
    result = run("zh", "status", "--help")
    assert result.stdout.startswith("用法：reformctl status [选项] [编号] [操作] [文件.xlsx...]\n")
    result = run("en", "export", "--help")
    assert result.stdout.startswith("Usage: reformctl export [OPTIONS] [FORMAT]\n")
    bare = run("zh")  # the help itself, not squeezed into one error line
    assert bare.exit_code == 2
    assert bare.stderr.startswith("用法：reformctl [选项] 命令 [参数]...\n\n  把政府实施方案")


# -- errors of the library, one line with file and line kept --------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reader_errors_keep_the_path_and_translate_the_words(tmp_path: Path, lang: str) -> None:
    image = tmp_path / "scan.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    big = tmp_path / "plan.doc"
    big.write_bytes(b"x")
    expected = {
        "zh": [f"{image}: 看来是一张 PNG 图片，不是文本文件",
               f"{tmp_path / 'none.txt'}: 文件不存在",
               f"{big}: 不支持旧版 Word .doc 文件；请另存为 .docx"],
        "en": [f"{image}: looks like a PNG image, not a text document",
               f"{tmp_path / 'none.txt'}: no such file",
               f"{big}: old Word .doc files are not supported; save it as .docx"],
    }[lang]
    word = "错误" if lang == "zh" else "error"
    for path, message in zip((image, tmp_path / "none.txt", big), expected, strict=True):
        result = run(lang, "parse", str(path), "-o", "-")
        assert result.exit_code == 2
        assert result.stderr == f"reformctl: {word}: {message}\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_schema_problems_in_the_readers_language(tmp_path: Path, lang: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("document:\n  title: 1\nplans: 3\n", encoding="utf-8")
    result = run(lang, "validate", str(bad))
    assert result.exit_code == 2
    lines = {
        "zh": ["1: 位置 /document：缺少必填项 'source'", "1: 位置 /document：缺少必填项 'sha256'",
               "1: 位置 /document：缺少必填项 'year'",
               "1: 位置 /document：缺少必填项 'parser_version'",
               "2: 位置 /document/title：1 不是文本", "3: 位置 /plans：3 不是列表"],
        "en": ["1: at /document: 'source' is required", "1: at /document: 'sha256' is required",
               "1: at /document: 'year' is required",
               "1: at /document: 'parser_version' is required",
               "2: at /document/title: 1 is not text", "3: at /plans: 3 is not a list"],
    }[lang]
    assert result.stderr.splitlines() == [f"{bad}:{line}" for line in lines]
    ok = run(lang, "validate", str(SEED_YAML))
    assert ok.stdout == f"{SEED_YAML}: {'文件格式正确' if lang == 'zh' else 'valid document'}\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_broken_corpus_file_names_file_line_and_problem(corpus: Path, lang: str) -> None:
    doc = corpus / SEED_YAML.name
    doc.write_text(doc.read_text(encoding="utf-8").replace("- id: '1.3'\n    key:", "- key:",
                                                           1), encoding="utf-8")
    result = run(lang, "list", "--corpus", str(corpus))
    assert result.exit_code == 2
    message = {"zh": "位置 /plans/0/measures/2：缺少必填项 'id'",
               "en": "at /plans/0/measures/2: 'id' is required"}[lang]
    assert result.stderr.startswith(f"reformctl: {'错误' if lang == 'zh' else 'error'}: {doc}:")
    assert result.stderr.endswith(f": {message}\n")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_option_and_milestone_errors(corpus: Path, lang: str) -> None:
    expected = {
        "zh": ["--month 须为 1-12，不能是 13",
               "1.4 在 12-31 没有节点（其节点：1.4@07-31, 1.4@09-30）",
               "--plan '99' 没有对应的方案（序号 1-17，或标题中的一段文字）",
               "没有检查项 'nosuch'（可选：overdue, missing-owner, no-lead, multiple-leads, "
               "lead-and-responsible, overlap, unknown-department, unresolved-deadline）"],
        "en": ["--month must be 1-12, not 13",
               "1.4 has no milestone on 12-31 (its milestones: 1.4@07-31, 1.4@09-30)",
               "--plan '99' matches no plan (indexes 1-17, or part of a title)",
               "unknown check 'nosuch' (choose from overdue, missing-owner, no-lead, "
               "multiple-leads, lead-and-responsible, overlap, unknown-department, "
               "unresolved-deadline)"],
    }[lang]
    commands = [["due", "--month", "13"], ["status", "1.4@12-31", "done"],
                ["list", "--plan", "99"], ["audit", "-k", "nosuch"]]
    word = "错误" if lang == "zh" else "error"
    for args, message in zip(commands, expected, strict=True):
        result = run(lang, *args, "--corpus", str(corpus))
        assert result.exit_code == 2, result.output
        assert result.stderr == f"reformctl: {word}: {message}\n"


def test_an_xlsx_that_is_not_one_is_a_bad_input_not_a_bug(corpus: Path, tmp_path: Path) -> None:
    text = tmp_path / "台账.txt"
    text.write_text("not a workbook", encoding="utf-8")
    result = run("zh", "status", "import", str(text), "--corpus", str(corpus))
    assert result.exit_code == 2
    assert result.stderr == f"reformctl: 错误: {text}: 不是 .xlsx 工作簿\n"


# -- audit, calendar, ledger cells, notify -------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_audit_findings_and_counts(corpus: Path, lang: str) -> None:
    result = run(lang, "audit", "--as-of", "2021-10-01", "-f", "md", "--corpus", str(corpus))
    assert result.exit_code == 1
    row = next(line for line in result.stdout.splitlines() if "| 1.4 |" in line)
    last = result.stdout.splitlines()[-1]
    if lang == "zh":
        assert row == ("| 错误 | overdue | 1.4 | 1.4 实现企业开办事项分时分次办理：时限 "
                       "2021-07-31（7月底前）、2021-09-30（9月底前），逾期62天（未完成） |")
        assert last == "96个错误，43条警告，1条提示"
        # a warning read back from the YAML (English message only), in Chinese
        assert "5.8 推进税费事项网上办掌上办：时间表述没有具体日期：在省规定时间内（第179行）" \
            in result.stdout
    else:
        assert row == ("| error | overdue | 1.4 | 1.4 实现企业开办事项分时分次办理: due "
                       "2021-07-31 (7月底前) and 2021-09-30 (9月底前), 62 days late (open) |")
        assert last == "96 errors, 43 warnings, 1 note"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_calendar_text(corpus: Path, tmp_path: Path, lang: str) -> None:
    import icalendar

    out = tmp_path / "d.ics"
    assert run(lang, "export", "ics", "-o", str(out), "--as-of", "2021-10-01",
               "--corpus", str(corpus)).exit_code == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    event = next(e for e in cal.walk("VEVENT") if str(e["summary"]).startswith("3.8 "))
    text = ("试点推广声波成像检测、特高频局放检测、配网不停电作业机器人等新技术应用,7月底前,城市和县域"
            "配网不停电作业化率达到92%、86%,泰安城网地区用户年均停电时间压减至4个小时以内。")
    lines = {
        "zh": ["3.8 提升不停电作业能力", "时限：7月底前", "方案：3 获得电力", "牵头单位：-",
               "责任单位：国网泰安供电公司", "状态：未完成", f"内容：{text}",
               "来源：000_675e6135523c2031，第117行"],
        "en": ["3.8 提升不停电作业能力", "Deadline: 7月底前", "Plan: 3 获得电力", "Lead: -",
               "Responsible: 国网泰安供电公司", "Status: open", f"Text: {text}",
               "Source: 000_675e6135523c2031, line 117"],
    }[lang]
    assert str(event["description"]).split("\n") == lines
    assert str(cal["x-wr-calname"]) == {"zh": "reformctl 任务时限", "en": "reformctl deadlines"}[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ledger_milestone_cells_in_words(corpus: Path, tmp_path: Path, lang: str) -> None:
    import openpyxl

    run(lang, "status", "1.4@07-31", "done", "--date", "2021-07-30", "--corpus", str(corpus))
    out = tmp_path / "ledger.xlsx"
    assert run(lang, "export", "-o", str(out), "--as-of", "2021-10-01",
               "--corpus", str(corpus)).exit_code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    col = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "1.4")
    header = {"zh": "节点", "en": "Milestones"}[lang]
    assert ws.cell(row, col[header]).value == {
        "zh": "1.4@07-31 已完成；1.4@09-30 未完成",
        "en": "1.4@07-31 done; 1.4@09-30 open"}[lang]
    # the machine formats keep the record's words
    data = run(lang, "export", "json", "--as-of", "2021-10-01", "--corpus", str(corpus))
    assert '"milestones": "1.4@07-31 done; 1.4@09-30 open"' in data.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notify_without_recipients_says_how_to_start(corpus: Path, lang: str) -> None:
    shutil.copy(ROOT / "corpus" / "recipients.example.yaml", corpus)
    result = run(lang, "notify", "--dry-run", "--as-of", "2021-10-01", "--corpus", str(corpus))
    assert result.exit_code == 1
    last = result.stderr.splitlines()[-1]
    file, example = corpus / "recipients.yaml", corpus / "recipients.example.yaml"
    assert last == {
        "zh": f"reformctl: 错误: 没有收件人文件 {file}：可复制 {example} 为该文件后填写真实地址"
              "（或用 -r 指定文件）",
        "en": f"reformctl: error: no recipients file {file}: copy {example} to it and put in the "
              "real addresses (or give -r FILE)"}[lang]
    # with a recipients file, no hint
    shutil.copy(corpus / "recipients.example.yaml", file)
    again = run(lang, "notify", "--dry-run", "--as-of", "2021-10-01", "--corpus", str(corpus))
    assert "recipients.example.yaml" not in again.stderr


def test_the_mail_is_chinese_whatever_the_operators_language(corpus: Path) -> None:
    """The mail's readers are the departments: its text is the same with --lang en."""
    shutil.copy(ROOT / "corpus" / "recipients.example.yaml", corpus / "recipients.yaml")
    args = ["notify", "--print", "--from", "duban@example.gov.cn", "--as-of", "2021-10-01",
            "--dept", "市税务局", "--corpus", str(corpus)]
    zh, en = run("zh", *args), run("en", *args)
    assert zh.exit_code == en.exit_code == 0

    def read(mbox: str) -> list[str]:
        import email
        from email import policy

        msg = email.message_from_bytes(mbox.split("\n", 1)[1].encode("utf-8"),
                                       policy=policy.default)
        return [str(msg["Subject"]), *(part.get_content() for part in msg.walk()
                                       if part.get_content_maintype() == "text")]

    assert read(zh.stdout) == read(en.stdout)
    subject, text, _html = read(en.stdout)
    assert subject.startswith("【逾期提醒】市税务局")
    assert "状态 未完成" in text


# -- the whole CLI in Chinese ---------------------------------------------------------------

def test_no_english_word_left_in_chinese_output() -> None:
    """Every command, format and error path of tools/english_in_zh.py on the shipped corpus
    with --lang zh: no English word outside ids, paths, options, formats and typed values."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from english_in_zh import scan
    finally:
        sys.path.remove(str(ROOT / "tools"))
    findings = scan()
    assert [(" ".join(f.args), f.words) for f in findings] == []


def test_no_chinese_wording_left_in_english_output() -> None:
    """The same invocations with --lang en: no Chinese beyond the documents' own words (and
    the fill-in sheet, the mail and --headers zh, Chinese by design)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from english_in_zh import scan
    finally:
        sys.path.remove(str(ROOT / "tools"))
    findings = scan(lang="en")
    assert [(" ".join(f.args), f.words) for f in findings] == []


def test_the_scan_finds_english() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from english_in_zh import english_words
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert english_words("reformctl: 错误: no such option: --bogus") == ["no", "such", "option"]
    assert english_words("见 `reformctl due --help`；W/a.yaml:3: 位置 /plans：3 不是列表") == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_new_version_says_what_it_replaced(corpus: Path, tmp_path: Path, lang: str) -> None:
    import re

    from seedfiles import SEED

    later = tmp_path / "later.txt"
    later.write_text(SEED.read_text(encoding="utf-8").replace("9月底前", "10月底前"),
                     encoding="utf-8")
    assert run(lang, "status", "1.2", "done", "--corpus", str(corpus)).exit_code == 0
    result = run(lang, "parse", str(later), "--corpus", str(corpus), "-q")
    assert result.exit_code == 0, result.output
    last = re.sub(r"\.\d{8}T\d{6}\.", ".STAMP.", result.stdout.splitlines()[-1])
    doc, old = corpus / SEED_YAML.name, corpus / "history" / f"{SEED_YAML.stem}.STAMP.yaml"
    assert last == {
        "zh": f"{later}: 替换 {doc}，旧版本保存为 {old}：新增0项，删除0项，修改41项，重新编号0项，"
              "推迟42个时限；1条台账记录已转入新版本",
        "en": f"{later}: replaces {doc}, previous kept as {old}: 0 added, 0 removed, 41 changed, "
              "0 renumbered, 42 deadlines postponed; 1 status entry carried over"}[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_hand_edited_yaml_file_and_a_bad_pattern_say_what_is_wrong(corpus: Path, tmp_path: Path,
                                                                     lang: str) -> None:
    recipients = tmp_path / "recipients.yaml"
    recipients.write_text("市财政局: [czj@example.gov.cn\n市税务局: swj@example.gov.cn\n",
                          encoding="utf-8")
    result = run(lang, "notify", "--dry-run", "-r", str(recipients), "--corpus", str(corpus))
    assert result.exit_code == 2
    assert result.stderr == {
        "zh": f"reformctl: 错误: {recipients}:2: YAML 格式错误：缺少“,”或“]”（方括号未闭合？）\n",
        "en": f"reformctl: error: {recipients}:2: invalid YAML: did not find expected ',' or "
              "']'\n"}[lang]
    result = run(lang, "list", "--grep", "[市财政", "--corpus", str(corpus))
    assert result.exit_code == 2
    assert result.stderr == {
        "zh": "reformctl: 错误: --grep 不是有效的正则表达式：方括号“[”未闭合（第5个字符处）\n",
        "en": "reformctl: error: --grep is not a valid pattern: unterminated character set at "
              "character 5\n"}[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_failed_delivery_in_the_readers_language(corpus: Path, tmp_path: Path,
                                                   lang: str) -> None:
    shutil.copy(ROOT / "corpus" / "recipients.example.yaml", corpus / "recipients.yaml")
    missing = tmp_path / "no" / "sendmail"
    result = run(lang, "notify", "--sendmail", "--sendmail-path", str(missing), "--from",
                 "duban@example.gov.cn", "--dept", "市税务局", "--as-of", "2021-10-01",
                 "--corpus", str(corpus))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == {
        "zh": [f"reformctl: 错误: 市税务局 <swj@example.gov.cn>: 找不到 sendmail 程序：{missing}",
               "reformctl: 错误: 1封邮件中有1封未送达"],
        "en": [f"reformctl: error: 市税务局 <swj@example.gov.cn>: sendmail not found: {missing}",
               "reformctl: error: 1 of 1 message not delivered"]}[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_install_completion_says_so_in_the_readers_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        lang: str) -> None:
    from types import SimpleNamespace

    import typer

    from reformctl.cli.localize import install_completion
    from reformctl.i18n import set_language

    monkeypatch.setenv("HOME", str(tmp_path))
    set_language(lang)
    root = SimpleNamespace(info_name="reformctl")
    ctx = SimpleNamespace(resilient_parsing=False, find_root=lambda: root)
    with pytest.raises(typer.Exit):
        install_completion(ctx, None, "bash")
    script = tmp_path / ".bash_completions" / "reformctl.sh"
    assert script.is_file()
    assert capsys.readouterr().out == {
        "zh": f"已为 bash 安装命令补全：{script}\n重新打开终端后生效。\n",
        "en": f"bash completion installed in {script}\nCompletion takes effect in a new "
              "terminal.\n"}[lang]
    with pytest.raises(typer.Exit):
        install_completion(ctx, None, "tcsh")
    assert capsys.readouterr().err.startswith({"zh": "无法为该 shell（tcsh）安装命令补全",
                                              "en": "cannot install completion"}[lang])


def test_help_columns_line_up_in_terminal_cells() -> None:
    """An option with a Chinese metavar (--fallback 地址) is as wide as it looks: every
    description of the options starts in the same terminal column."""
    import re

    from reformctl.render import display_width

    out = run("zh", "notify", "--help").stdout
    options = out.split("选项:\n", 1)[1].splitlines()
    starts = {display_width(found.group(1)) for line in options
              if (found := re.match(r"(  -.*?\S  +)\S", line))}
    assert len(starts) == 1, starts
    # and Chinese paragraphs are wrapped to the 80 cells, by the line-break rules
    for command in ("notify", "status", "due", "export", "report", "audit", "parse"):
        lines = runner.invoke(app, ["--lang", "zh", command, "--help"],
                              env={"COLUMNS": "80"}).stdout.splitlines()
        assert max(display_width(line) for line in lines) <= 80, command
        assert not [line for line in lines if line.strip() and line.strip()[0] in "，、。；：）］"], command


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_systems_reason_in_the_readers_language(corpus: Path, tmp_path: Path,
                                                   lang: str) -> None:
    """An OS error's reason (strerror) in the catalog's words: not a directory, disk full…"""
    import errno

    from reformctl.errors import InputError, os_reason
    from reformctl.i18n import set_language

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run(lang, "export", "csv", "-o", str(blocker / "out.csv"), "--corpus", str(corpus))
    assert result.exit_code == 2
    assert result.stderr == {
        "zh": f"reformctl: 错误: {blocker / 'out.csv'}: -o: 无法写入：路径中有一段不是文件夹\n",
        "en": f"reformctl: error: {blocker / 'out.csv'}: -o: cannot write: not a directory\n",
    }[lang]
    set_language(lang)
    full = InputError("cannot read: {reason}", path="a.txt",
                      params={"reason": os_reason(OSError(errno.ENOSPC, "No space left"))})
    assert str(full) == {"zh": "a.txt: 无法读取：磁盘已满",
                         "en": "a.txt: cannot read: no space left on device"}[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_orphans_reason_kept_in_english_is_shown_in_the_readers_language(lang: str) -> None:
    from datetime import date
    from types import SimpleNamespace

    from reformctl.audit.versions import Orphan, orphan_message
    from reformctl.i18n import set_language

    entry = SimpleNamespace(document="plan", milestone=date(2021, 7, 31), id="1.4", title="实现",
                            key="k", status="done")
    orphan = Orphan(entry, "milestone 07-31 is gone (milestones now: 09-30)")  # type: ignore[arg-type]
    set_language(lang)
    assert orphan_message(orphan) == {
        "zh": "台账记录 plan 1.4@07-31 实现（已完成）在新版本中找不到对应节点（节点 07-31 已不存在"
              "（现有节点：09-30））：已作为无主记录保留",
        "en": "status entry plan 1.4@07-31 实现 (done) has no milestone in the new version "
              "(milestone 07-31 is gone (milestones now: 09-30)): kept as orphaned"}[lang]
