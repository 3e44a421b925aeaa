"""What the commands say, in both languages, exactly: parse's summary and warnings (the
parser knows no gettext: its warnings carry an English template and parameters, which the
CLI translates), show, status, diff, notify, the calendar and the errors below the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from seedfiles import SEED
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.i18n import set_language
from reformctl.labels import warning_text
from reformctl.model import Warning_, document_from_dict, document_to_dict, warning
from reformctl.parse import parse_text

runner = CliRunner()


def run(lang: str, *args: str) -> object:
    return runner.invoke(app, ["--lang", lang, *args])


# -- parse -------------------------------------------------------------------------------

SUMMARY = {
    "zh": "17个方案，181项措施（另有5个子项），197条责任单位注释，145个时限，51个目标，2条警告",
    "en": "17 plans, 181 measures (+5 sub-items), 197 owner notes, 145 deadlines, 51 targets, "
          "2 warnings",
}
WARNINGS = {
    "zh": ["179: 警告: 时间表述没有具体日期：在省规定时间内 [deadline-unresolved]",
           "217: 警告: 已合并分页处重复的片段“委、市交通运输局)” [page-break-repeat]"],
    "en": ["179: warning: time phrase without a date: 在省规定时间内 [deadline-unresolved]",
           "217: warning: joined a fragment repeated at a page break: '委、市交通运输局)' "
           "[page-break-repeat]"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_parse_summary_and_warnings_in_both_languages(tmp_path: Path, lang: str) -> None:
    source = tmp_path / "seed.txt"
    shutil.copy(SEED, source)
    out = tmp_path / "seed.yaml"
    result = run(lang, "parse", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{source}: {SUMMARY[lang]} -> {out}\n"
    assert result.stderr == "".join(f"{source}:{w}\n" for w in WARNINGS[lang])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_folder_parse_says_the_same_words(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED, folder / name)
    result = run(lang, "parse", str(folder), "-o", str(tmp_path / "out") + "/")
    assert result.exit_code == 0, result.output
    lines = sorted(result.stdout.splitlines())
    assert lines == [f"{folder / n}: {SUMMARY[lang]} -> {tmp_path / 'out' / n[0]}.yaml"
                     for n in ("a.txt", "b.txt")]
    assert sorted(result.stderr.splitlines()) == sorted(
        f"{folder / n}:{w}" for n in ("a.txt", "b.txt") for w in WARNINGS[lang])


def test_one_plan_one_measure_reads_singular(tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text("泰安市优化营商环境创新突破行动 配套措施—开办企业\n\n"
                      "1. 推进电子证照全面应用。9月底前,实现电子营业执照在开办企业各环节全面应用。"
                      "(牵头部门:市行政审批服务局)\n", encoding="utf-8")
    result = run("en", "parse", str(source), "-o", "-", "-q", "--year", "2021")
    assert result.exit_code == 0
    assert result.stderr == (f"{source}: 1 plan, 1 measure, 1 owner note, 1 deadline, "
                             "0 targets, 0 warnings -> stdout\n")


def test_a_warning_keeps_its_english_message_and_template() -> None:
    w = warning(12, "numbering-gap", "expected item {expected}, found {found}",
                expected=3, found=5)
    assert (w.message, w.template, w.params) == (
        "expected item 3, found 5", "expected item {expected}, found {found}",
        (("expected", 3), ("found", 5)))
    set_language("zh")
    assert warning_text(w) == "编号应为 3，实为 5"
    set_language("en")
    assert warning_text(w) == "expected item 3, found 5"


def test_the_yaml_keeps_the_english_message_only() -> None:
    """The parsed YAML is the same whoever parses it in whatever language: warnings[].message
    is English; a warning read back carries no template, and is shown in the reader's
    language through the catalog's template that reads as its message."""
    doc = parse_text(SEED.read_text(encoding="utf-8"))
    set_language("zh")
    data = document_to_dict(doc)
    assert data["warnings"][0] == {"line": 179, "code": "deadline-unresolved",
                                   "message": "time phrase without a date: 在省规定时间内"}
    back = document_from_dict(data).warnings[0]
    assert back == Warning_(179, "deadline-unresolved",
                            "time phrase without a date: 在省规定时间内")
    assert warning_text(back) == "时间表述没有具体日期：在省规定时间内"
    set_language("en")
    assert warning_text(back) == "time phrase without a date: 在省规定时间内"
    # a message no template reads as stays as it is
    assert warning_text(Warning_(3, "x", "something else")) == "something else"


# -- show --------------------------------------------------------------------------------

SHOW_9_1 = {
    "zh": """9.1  进一步稳定和扩大就业
  方案：    9 劳动力市场监管（000_675e6135523c2031.yaml）
  行号：    269-269
  牵头单位：市人力资源社会保障局
  责任单位：市发展改革委、市教育局、市财政局、市退役军人局、市残联
  责任注释1（第269行）：牵头 市人力资源社会保障局；责任 市发展改革委、市教育局、市财政局、市退役军人局、市残联
  时限：    7月底前［截止］2021-07-31（第269行）
  时限：    9月底前［截止］2021-09-30（第269行）
  目标：    城镇新增就业 = 34000 人  ← 3.4万人
  目标：    城镇登记失业率 <= 4.5 %  ← 控制在4.5%以内
""",
    "en": """9.1  进一步稳定和扩大就业
  plan:        9 劳动力市场监管   (000_675e6135523c2031.yaml)
  lines:       269-269
  lead:        市人力资源社会保障局
  responsible: 市发展改革委、市教育局、市财政局、市退役军人局、市残联
  owners #1 (line 269): lead 市人力资源社会保障局; responsible 市发展改革委、市教育局、市财政局、市退役军人局、市残联
  deadline:    7月底前 [by] 2021-07-31 (line 269)
  deadline:    9月底前 [by] 2021-09-30 (line 269)
  target:      城镇新增就业 = 34000 人  ← 3.4万人
  target:      城镇登记失业率 <= 4.5 %  ← 控制在4.5%以内
""",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_in_both_languages(corpus: Path, lang: str) -> None:
    result = run(lang, "show", "9.1", "--no-source", "-c", str(corpus))
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n\n")[0] + "\n" == SHOW_9_1[lang]


def test_show_sub_items_and_etc(corpus: Path) -> None:
    zh = run("zh", "show", "14.10", "--no-source", "-c", str(corpus)).stdout
    en = run("en", "show", "14.10", "--no-source", "-c", str(corpus)).stdout
    assert "  子项：    14.10.1、14.10.2、14.10.3、14.10.4、14.10.5\n" in zh
    assert "  sub-items:   14.10.1, 14.10.2, 14.10.3, 14.10.4, 14.10.5\n" in en


# -- status ------------------------------------------------------------------------------


def _record_history(corpus: Path) -> None:
    from datetime import date, datetime, timedelta, timezone

    from reformctl.audit.ledger import Change, apply_changes
    from reformctl.corpus import load_corpus

    loaded = load_corpus(corpus)
    entry, _plan, measure = loaded.find("1.4", None)[0]
    doc = entry.path.stem
    tz = timezone(timedelta(hours=8))
    apply_changes(corpus, [Change(doc, measure, "done", date(2021, 7, 31), date(2021, 7, 30))],
                  by="王敏", now=datetime(2021, 7, 30, 16, 5, tzinfo=tz))
    apply_changes(corpus, [Change(doc, measure, "in-progress", None, date(2021, 8, 2),
                                  "已完成系统对接")],
                  by="李强", now=datetime(2021, 8, 2, 9, 30, tzinfo=tz))


HISTORY = {
    "zh": """时间              编号       操作人  变化             日期        最新进展        来源
2021-07-30 16:05  1.4@07-31  王敏    未完成 → 已完成  2021-07-30
2021-08-02 09:30  1.4        李强    未完成 → 推进中  2021-08-02  已完成系统对接
""",
    "en": """When              ID         By    Change              Date        Progress        Source
2021-07-30 16:05  1.4@07-31  王敏  open → done         2021-07-30
2021-08-02 09:30  1.4        李强  open → in progress  2021-08-02  已完成系统对接
""",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_history_in_both_languages(corpus: Path, lang: str) -> None:
    _record_history(corpus)
    result = run(lang, "status", "1.4", "--history", "-c", str(corpus))
    assert result.exit_code == 0, result.output
    assert result.stdout == HISTORY[lang]
    # Machine formats keep the words of the ledger.
    data = run(lang, "status", "1.4", "--history", "-c", str(corpus), "-f", "csv").stdout
    assert data.splitlines()[0].startswith("at,target,by,from,to,")
    assert ",open,done," in data


@pytest.mark.parametrize(("lang", "said"), [
    ("zh", ["1.4@07-31 实现企业开办事项分时分次办理：已完成（2021-07-30）（{path}）",
            "1.4@07-31 实现企业开办事项分时分次办理：已是已完成（2021-07-30），未作改动"]),
    ("en", ["1.4@07-31 实现企业开办事项分时分次办理: done on 2021-07-30 ({path})",
            "1.4@07-31 实现企业开办事项分时分次办理: already done on 2021-07-30, "
            "nothing changed"]),
])
def test_status_set_says_what_it_did(corpus: Path, lang: str, said: list[str]) -> None:
    args = ("status", "1.4@07-31", "done", "--date", "2021-07-30", "-c", str(corpus))
    first, again = run(lang, *args), run(lang, *args)
    assert first.stdout == said[0].format(path=corpus / "status.yaml") + "\n"
    assert again.stdout == said[1] + "\n"


@pytest.mark.parametrize(("lang", "line"), [
    ("zh", "reformctl: 错误: 操作只能是 done、in-progress、dropped 或 reopen，不能是 'finished'\n"),
    ("en", "reformctl: error: ACTION must be done, in-progress, dropped or reopen, not "
           "'finished'\n"),
])
def test_status_errors_in_both_languages(corpus: Path, lang: str, line: str) -> None:
    result = run(lang, "status", "1.4", "finished", "-c", str(corpus))
    assert (result.exit_code, result.stderr) == (2, line)


@pytest.mark.parametrize(("lang", "said"), [
    ("zh", ("reformctl: 错误: empty.xlsx: 没有 `reformctl export` 写出的工作表（缺少隐藏列 {key}）\n",
            "读取0行：没有需要更改的，1行被拒绝。\n")),
    ("en", ("reformctl: error: empty.xlsx: no sheet written by `reformctl export` (the hidden "
            "column {key} is missing)\n", "0 rows read: nothing to change, 1 rejected.\n")),
])
def test_status_import_rejects_in_both_languages(corpus: Path, tmp_path: Path, lang: str,
                                                 said: tuple[str, str]) -> None:
    from openpyxl import Workbook

    from reformctl.export.fill_in import KEY_HEADER

    book = tmp_path / "empty.xlsx"
    Workbook().save(book)
    result = run(lang, "status", "import", str(book), "-c", str(corpus))
    assert result.exit_code == 1
    assert result.stderr == said[0].format(key=KEY_HEADER)
    assert result.stdout == said[1]


# -- diff --------------------------------------------------------------------------------

DIFF = {
    "zh": """{old} → {new}
变化  原   新   措施                  详情
修改  2.4  2.4  优化联合竣工验收流程  时限 6月底前 → 9月底前（推迟92天）；正文：…合竣工验收流程。[-6-]{{+9+}}月底前,按照“进…
新增0项，删除0项，修改1项，重新编号0项，推迟1个时限
""",
    "en": """{old} → {new}
Change   Old  New  Title                 Details
changed  2.4  2.4  优化联合竣工验收流程  deadline 6月底前 → 9月底前 (postponed 92 days); text: …合竣工验收流程。[-6-]{{+9+}}月底前,按照“进…
0 added, 0 removed, 1 changed, 0 renumbered, 1 deadline postponed
""",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_in_both_languages(tmp_path: Path, lang: str) -> None:
    old = tmp_path / "old.txt"
    shutil.copy(SEED, old)
    new = tmp_path / "new.txt"
    new.write_text(old.read_text(encoding="utf-8").replace("6月底前", "9月底前", 1),
                   encoding="utf-8")
    result = run(lang, "diff", str(old), str(new))
    assert result.exit_code == 1, result.output
    assert result.stdout == DIFF[lang].format(old=old, new=new)
    # The JSON's keys and kinds stay English; its details are said in the language.
    data = run(lang, "diff", str(old), str(new), "-f", "json").stdout
    assert '"kind": "changed"' in data


# -- notify ------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "head", "caption"), [
    ("zh", "单位  收件人  抄送  逾期  即将到期", "将发送1封邮件"),
    ("en", "Department  To  Cc  Overdue  Due soon", "1 message would be sent"),
])
def test_notify_dry_run_in_both_languages(corpus: Path, tmp_path: Path, lang: str, head: str,
                                          caption: str) -> None:
    recipients = tmp_path / "recipients.yaml"
    recipients.write_text("市财政局: czj@example.org\n", encoding="utf-8")
    result = run(lang, "notify", "--dry-run", "-c", str(corpus), "--recipients",
                 str(recipients), "--as-of", "2021-10-01", "--dept", "市财政局")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert " ".join(lines[0].split()) == " ".join(head.split())
    assert lines[-1].strip() == caption
