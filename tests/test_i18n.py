"""Chinese first, English on request: catalogs, choosing the language, output in both."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.i18n import _, language_from_environment, ngettext, set_language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

runner = CliRunner()


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


# --- the catalogs --------------------------------------------------------------------------


def test_every_message_has_a_chinese_translation_and_the_mo_files_are_compiled() -> None:
    """A new _() string or help text without its translation, or a .po edited without
    `make catalogs`, fails here."""
    import catalogs  # tools/catalogs.py

    messages = catalogs.extract()
    assert len(messages) > 150
    for locale in catalogs.LOCALES:
        catalog = catalogs.updated_catalog(locale, messages)
        assert catalogs.untranslated(catalog) == [], locale
        po = catalogs.po_path(locale)
        # The committed .po holds every message with the same translation, and the .mo is
        # what it compiles to (`make catalogs` does both).
        assert catalogs.compiled_from_po(locale, catalogs.po_text(catalog)) \
            == catalogs.compiled_from_po(locale), f"{po}: run `make catalogs`"
        assert po.with_suffix(".mo").read_bytes() == catalogs.compiled_from_po(locale)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "zh"),  # cron: no locale at all
        ({"LANG": "C"}, "zh"),
        ({"LC_ALL": "POSIX"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "fr_FR.UTF-8"}, "zh"),  # neither Chinese nor English: the documents' language
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL first
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),
        ({"REFORMCTL_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),  # ours before the locale
        ({"REFORMCTL_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
    ],
)
def test_the_language_comes_from_reformctl_lang_then_the_locale(
    environ: dict[str, str], expected: str
) -> None:
    assert language_from_environment(environ) == expected


def test_translations_and_plurals_in_both_languages() -> None:
    assert set_language("zh") == "zh"
    assert _("Responsible") == "责任单位"
    assert ngettext("{n} day late", "{n} days late", 1).format(n=1) == "逾期1天"
    set_language("en")
    assert _("Responsible") == "Responsible"
    assert ngettext("{n} day late", "{n} days late", 1).format(n=1) == "1 day late"
    assert ngettext("{n} day late", "{n} days late", 2).format(n=2) == "2 days late"


def test_lang_is_a_global_option_before_or_after_the_command(corpus: Path) -> None:
    args = ["due", "--month", "7", "--plan", "3", "--as-of", "2021-10-01", "-f", "md"]
    before = run("--lang", "zh", *args, "--corpus", corpus)
    after = run(*args, "--corpus", corpus, "--lang", "zh")
    corpus_first = run("--corpus", corpus, "--lang=zh", *args)
    assert before == after == corpus_first
    assert before[1].startswith("| 编号 | 措施 | 时限 |")
    code, _, err = run("--lang", "fr", *args, "--corpus", corpus)
    assert (code, err) == (2, "reformctl: error: --lang must be zh or en, not 'fr'\n")


def test_help_in_chinese_and_in_english_with_examples_and_readable_metavars() -> None:
    code, out, _ = run("--lang", "zh", "due", "--help")
    assert code == 0
    assert out.startswith("用法：reformctl due [选项]")
    assert "列出到期任务" in out and "示例：" in out and "reformctl due --month 9" in out
    assert "--dept 单位" in out and "--as-of YYYY-MM-DD" in out and "选项" in out
    assert "<str>" not in out and "<int>" not in out
    code, out, _ = run("--lang", "en", "due", "--help")
    assert out.startswith("Usage: reformctl due [OPTIONS]")
    assert "--dept DEPT" in out and "Examples:" in out and "<str>" not in out
    code, out, _ = run("--lang", "zh", "--help")
    assert "命令" in out and "…" not in out  # summaries whole, never cut with "…"
    assert "--install-completion" in out and "--lang zh|en" in out


# --- due in every format, both languages --------------------------------------------------

DUE_3_8 = ["due", "--month", "7", "--plan", "3", "--as-of", "2021-10-01"]


def test_due_md_fills_every_column_in_both_languages(corpus: Path) -> None:
    code, out, err = run("--lang", "zh", *DUE_3_8, "--corpus", corpus, "-f", "md")
    assert (code, err) == (0, "")
    assert out == (
        "| 编号 | 措施 | 时限 | 剩余/逾期 | 状态 | 牵头单位 | 责任单位 |\n"
        "| --- | --- | --- | ---: | --- | --- | --- |\n"
        "| 3.8 | 提升不停电作业能力 | 2021-07-31 | 逾期62天 | 未完成 |  | 国网泰安供电公司 |\n"
        "\n"
        "截至2021-10-01，2021年7月到期：1项措施，1个节点，其中1个已逾期\n")
    code, out, err = run("--lang", "en", *DUE_3_8, "--corpus", corpus, "-f", "md")
    assert out == (
        "| ID | Title | Due | Days | Status | Lead | Responsible |\n"
        "| --- | --- | --- | ---: | --- | --- | --- |\n"
        "| 3.8 | 提升不停电作业能力 | 2021-07-31 | 62 days late | open |  | 国网泰安供电公司 |\n"
        "\n"
        "1 milestone of 1 measure due in month 7 of 2021 as of 2021-10-01; 1 late\n")


def test_due_csv_for_programs_and_for_people(corpus: Path) -> None:
    code, out, _ = run("--lang", "zh", *DUE_3_8, "--corpus", corpus, "-f", "csv")
    assert out.splitlines() == [
        "document,id,key,plan,plan_title,title,deadline,date,kind,lead,responsible,status,"
        "days_left,days_late,milestone,note",
        "000_675e6135523c2031,3.8,cb464abebcd7,3,获得电力,提升不停电作业能力,7月底前,2021-07-31,"
        "by,,国网泰安供电公司,open,,62,3.8@07-31,",
    ]  # the field names are an interface: English whatever the language
    code, out, _ = run(*DUE_3_8, "--corpus", corpus, "-f", "csv", "--headers", "zh")
    assert out.splitlines() == ["编号,措施,时限,剩余/逾期,状态,牵头单位,责任单位",
                                "3.8,提升不停电作业能力,2021-07-31,逾期62天,未完成,,国网泰安供电公司"]
    code, out, _ = run("--lang", "zh", *DUE_3_8, "--corpus", corpus, "-f", "tsv",
                       "--headers", "en")
    assert out.splitlines() == [
        "ID\tTitle\tDue\tDays\tStatus\tLead\tResponsible",
        "3.8\t提升不停电作业能力\t2021-07-31\t62 days late\topen\t\t国网泰安供电公司"]
    code, _, err = run(*DUE_3_8, "--corpus", corpus, "-f", "csv", "--headers", "fr")
    assert (code, err) == (2, "reformctl: error: --headers must be one of keys, zh, en, "
                              "not 'fr'\n")


def test_due_json_days_left_is_null_when_late_and_both_null_when_done(corpus: Path) -> None:
    code, out, _ = run(*DUE_3_8, "--corpus", corpus, "-f", "json")
    (record,) = json.loads(out)
    assert (record["days_left"], record["days_late"], record["status"]) == (None, 62, "open")
    assert run("status", "3.8", "done", "--date", "2021-08-20", "--corpus", corpus)[0] == 0
    code, out, _ = run(*DUE_3_8, "--status", "done", "--corpus", corpus, "-f", "json")
    (record,) = json.loads(out)
    assert (record["days_left"], record["days_late"], record["status"]) == (None, None, "done")
    code, out, _ = run("--lang", "en", *DUE_3_8, "--status", "done", "--corpus", corpus,
                       "-f", "md")
    assert "| 3.8 | 提升不停电作业能力 | 2021-07-31 |  | done |" in out  # never "62 late"
    assert out.endswith("due in month 7 of 2021 as of 2021-10-01\n")  # and no "late" count


def test_due_by_dept_md_keeps_the_groups_and_counts_once(corpus: Path) -> None:
    code, out, _ = run("--lang", "zh", "due", "--month", "9", "--by", "dept", "--dept",
                       "市税务局", "--as-of", "2021-09-01", "--corpus", corpus, "-f", "md")
    assert code == 0
    assert out.startswith("## 市税务局\n\n| 编号 | 措施 |")
    assert out.count("截至2021-09-01") == 1
    code, out, _ = run("--lang", "en", "due", "--month", "9", "--by", "plan", "--as-of",
                       "2021-09-01", "--corpus", corpus)
    summary = [line for line in out.splitlines() if "milestones of" in line]
    assert summary == ["44 milestones of 44 measures due in month 9 of 2021 as of 2021-09-01"]


def test_nothing_due_says_so_in_the_language(corpus: Path) -> None:
    code, out, _ = run("--lang", "zh", "due", "--month", "9", "--as-of", "2021-09-01",
                       "--status", "done", "--corpus", corpus)
    assert (code, out) == (0, "截至2021-09-01，2021年9月到期：无。\n")
    code, out, _ = run("--lang", "en", "due", "--month", "9", "--as-of", "2021-09-01",
                       "--status", "done", "--corpus", corpus)
    assert (code, out) == (0, "Nothing due in month 9 of 2021 as of 2021-09-01.\n")
