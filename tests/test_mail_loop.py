"""The supervision loop, end to end, against a real SMTP server on 127.0.0.1:
parse → per-department fill-in sheets → two filled in → import → notify (with Cc to the
leaders in charge, progress notes, the office's summary) → a second run that reports what
changed. And the pieces it rests on: --smtp URLs, notify.yaml, the office's own templates."""

from __future__ import annotations

import email
import shutil
from collections.abc import Iterator
from datetime import datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from openpyxl import load_workbook
from seedfiles import CORPUS, SEED
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.errors import InputError, UsageError
from reformctl.export.fill_in import EDIT_MARK, FILL_SHEET
from reformctl.export.mail import load_settings, smtp_target

runner = CliRunner()
AS_OF = "2021-10-01"
OFFICE = "duban@example.gov.cn"
SHENPI = "市行政审批服务局"  # leads 1.4 (plan 1, 分管市领导 宋洪银)
POWER = "国网泰安供电公司"  # 3.8 (plan 3, 宋洪银); 4.9? no: plan 3 only


class Inbox:
    """What the local server received: (envelope from, envelope to, message)."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []
        self.logins: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), msg))  # type: ignore[arg-type]
        return "250 Message accepted"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                     auth_data: Any) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        self.logins.append(auth_data.login)
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for _, rcpt, m in self.received if address in rcpt]

    def clear(self) -> None:
        self.received.clear()


@pytest.fixture()
def smtp() -> Iterator[tuple[Inbox, int]]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port,
                            authenticator=inbox.authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def leaders_of_late_plans(corpus: Path, department: str) -> set[str]:
    """Read from the parsed YAML and the ledger (independently of the code under test)."""
    data = yaml.safe_load(next(corpus.glob("000_*.yaml")).read_text(encoding="utf-8"))
    ledger = yaml.safe_load((corpus / "status.yaml").read_text(encoding="utf-8"))
    closed = {(e["id"], e.get("milestone")) for e in ledger["entries"]
              if e["status"] in ("done", "dropped")}
    out: set[str] = set()
    for plan in data["plans"]:
        todo = list(plan["measures"])
        while todo:
            m = todo.pop()
            todo += m.get("items") or []
            if department not in m["lead"] + m["responsible"]:
                continue
            for d in m["deadlines"]:
                if d["kind"] == "by" and d["date"] and str(d["date"]) < AS_OF and \
                        (m["id"], str(d["date"])) not in closed:
                    out.update(plan["leaders"])
    return out


def decoded(msg: EmailMessage, name: str) -> str:
    from email.header import decode_header, make_header

    raw = next(v for k, v in msg.raw_items() if k.lower() == name.lower())
    return str(make_header(decode_header(str(raw).replace("\r\n", "").replace("\n", ""))))


def fill(path: Path, rows: dict[str, dict[str, Any]]) -> None:
    """A clerk fills in a sheet: milestone id → {column: value}."""
    wb = load_workbook(path)
    ws = wb[FILL_SHEET]
    col = {str(c.value).replace(EDIT_MARK, ""): c.column for c in ws[3] if c.value}
    where = {ws.cell(r, col["编号"]).value: r for r in range(4, ws.max_row + 1)}
    for ident, values in rows.items():
        for name, value in values.items():
            ws.cell(where[ident], col[name]).value = value
    wb.save(path)


def test_the_whole_loop(tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # parse
    code, out, err = run("parse", SEED, "-o", corpus)
    assert code == 0, err
    shutil.copy(CORPUS / "departments.yaml", corpus / "departments.yaml")
    shutil.copy(CORPUS / "recipients.example.yaml", corpus / "recipients.yaml")
    settings = yaml.safe_load((CORPUS / "notify.example.yaml").read_text(encoding="utf-8"))
    (corpus / "notify.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True),
                                        encoding="utf-8")
    # export per-department sheets
    sheets = tmp_path / "sheets"
    code, out, err = run("export", "xlsx", "--per-dept", sheets, "--corpus", corpus,
                         "--as-of", AS_OF)
    assert (code, err) == (0, "")
    # two departments fill theirs in
    fill(sheets / f"台账-{SHENPI}.xlsx", {
        "1.4@07-31": {"完成情况": "已完成", "完成日期": "2021年7月30日"},
        "1.4@09-30": {"完成情况": "推进中", "进展情况": "已完成系统对接，待验收"},
    })
    fill(sheets / f"台账-{POWER}.xlsx", {
        "3.8@07-31": {"完成情况": "已完成", "完成日期": datetime(2021, 7, 28),
                      "进展情况": "不停电作业车已投运"},
        "3.1@06-30": {"完成情况": "推进中", "进展情况": "已与市城管局对接审批流程"},
    })
    # import
    code, out, err = run("status", "import", sheets / f"台账-{SHENPI}.xlsx",
                         sheets / f"台账-{POWER}.xlsx", "--by", "王敏", "--corpus", corpus)
    assert (code, err) == (0, "")
    assert "4 changed" in out
    # notify: password from the environment, the user in the URL
    env = {"REFORMCTL_SMTP_PASSWORD": "s3cret"}
    code, out, err = run("notify", "--smtp", f"smtp://duban@127.0.0.1:{port}", "--as-of", AS_OF,
                         "--corpus", corpus, "--retry-delay", "0", env=env)
    assert (code, out, err) == (0, "", "")  # quiet success
    assert inbox.logins == [b"duban"]

    (shenpi,) = inbox.to("xzsp@example.gov.cn")
    # (decoded as RFC 2047 says; CPython's own address parser puts a space between the two
    # encoded words a long name is folded into, which mail clients do not)
    assert decoded(shenpi, "From") == "泰安市优化营商环境工作领导小组办公室 <duban@example.gov.cn>"
    assert [a.addr_spec for a in shenpi["To"].addresses] == [
        "xzsp@example.gov.cn", "xzsp-duban@example.gov.cn"]
    # Cc: the leaders in charge of the plans whose overdue milestones the mail lists.
    leaders = leaders_of_late_plans(corpus, SHENPI)
    assert leaders == {"宋洪银", "赵德健", "张颖"}
    book = yaml.safe_load((CORPUS / "recipients.example.yaml").read_text(encoding="utf-8"))
    assert {(a.display_name, a.addr_spec) for a in shenpi["Cc"].addresses} == {
        (name, book["leaders"][name]) for name in leaders}
    assert str(shenpi["Subject"]).startswith(f"【督办提醒】{SHENPI}:")
    body = text_of(shenpi)
    assert "[1.4@09-30] 要求: 9月底前,实现新开办企业涉税办理、预约银行开户、职工就业登记等" \
           "业务单独办理、随时可办。\n        最新进展: 已完成系统对接，待验收(" in body
    assert "1.4@07-31" not in body  # done: no longer overdue
    assert "联系人: 王敏  电话: 0538-6991234" in body
    copied = body.split("(本邮件抄送分管市领导:", 1)[1].split("。)", 1)[0]
    assert set(copied.split("、")) == leaders
    html = shenpi.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "已完成系统对接，待验收" in html and "<th>任务要求</th>" in html

    (power,) = inbox.to("gdgs@example.gov.cn")
    body = text_of(power)
    assert "3.8 " not in body and "3.8@07-31" not in body  # done on 2021-07-28
    assert "[3.1@06-30] 要求: 6月底前," in body and "最新进展: 已与市城管局对接审批流程(" in body

    # A department whose overdue work is all in 赵德健's plan (登记财产) copies only him.
    (bank,) = inbox.to("ybj-fj@example.gov.cn")
    assert leaders_of_late_plans(corpus, "泰安银保监分局") == {"赵德健"}
    assert [a.display_name for a in bank["Cc"].addresses] == ["赵德健"]
    # The envelope carries the Cc.
    envelope = next(rcpt for _, rcpt, m in inbox.received if m is shenpi)
    assert "songhongyin@example.gov.cn" in envelope

    # The office's summary: counts, longest overdue, no data problem (14.10, whose notes are
    # all on its sub-items, is owned by them).
    (summary,) = inbox.to(OFFICE)
    assert str(summary["Subject"]).startswith("【督办提醒】督办汇总:")
    text = text_of(summary)
    assert "首次运行,无可比较。" in text
    assert "逾期但没有责任单位的节点" not in text
    assert "五、需要处理的数据问题\n  无\n" in text
    assert "市行政审批服务局: " in text and "2.1@06-20 优化工程建设项目招投标事项办理" in text
    assert (corpus / ".notify-state.yaml").is_file()  # the run is remembered

    # The next morning: 1.4@09-30 is done; the summary says what changed.
    inbox.clear()
    code, _, err = run("status", "1.4@09-30", "done", "--date", "2021-10-01", "--note", "已验收",
                       "--by", "李强", "--corpus", corpus)
    assert (code, err) == (0, "")
    code, out, err = run("notify", "--smtp", f"smtp://duban@127.0.0.1:{port}", "--as-of",
                         "2021-10-02", "--corpus", corpus, env=env)
    assert (code, out, err) == (0, "", "")
    text = text_of(inbox.to(OFFICE)[0])
    assert "不再逾期 1 个节点(已完成、已撤销或已移除):\n    1.4@09-30 实现企业开办事项分时分次办理" \
        in text
    assert "新增逾期 0 个节点" in text
    assert "1.4@09-30 推进中 → 已完成(李强): 已验收" in text
    assert "1.4@09-30" not in text_of(inbox.to("xzsp@example.gov.cn")[0])


@pytest.mark.parametrize(
    ("value", "options", "expected"),
    [
        ("mail.example.gov.cn:587", {"starttls": True}, ("mail.example.gov.cn", 587, "starttls",
                                                         None)),
        ("smtp://mail.example.gov.cn", {}, ("mail.example.gov.cn", 25, "none", None)),
        ("smtp://mail.example.gov.cn:587", {"starttls": True},
         ("mail.example.gov.cn", 587, "starttls", None)),
        ("smtp://mail.example.gov.cn:587?starttls=true", {},
         ("mail.example.gov.cn", 587, "starttls", None)),
        ("smtp+starttls://duban@mail.example.gov.cn", {},
         ("mail.example.gov.cn", 587, "starttls", "duban")),
        ("smtps://duban@mail.example.gov.cn:465", {}, ("mail.example.gov.cn", 465, "ssl", "duban")),
        ("smtps://mail.example.gov.cn", {"user": "duban"},
         ("mail.example.gov.cn", 465, "ssl", "duban")),
        ("smtp://[::1]:2525", {}, ("::1", 2525, "none", None)),
    ],
)
def test_smtp_urls(value: str, options: dict[str, Any],
                   expected: tuple[str, int, str, str | None]) -> None:
    t = smtp_target(value, **options)
    assert (t.host, t.port, t.security, t.user) == expected


@pytest.mark.parametrize(
    ("value", "options", "message"),
    [
        ("smtps://duban:s3cret@mail.example.gov.cn", {}, "no password in the URL"),
        ("smtps://mail.example.gov.cn", {"starttls": True}, "STARTTLS does not apply"),
        ("imap://mail.example.gov.cn", {}, "unknown scheme"),
        ("smtp://mail.example.gov.cn:99999", {}, "bad port"),
        ("smtp://a@mail.example.gov.cn", {"user": "b"}, "disagree"),
        ("smtp://mail.example.gov.cn?tls=1", {}, "unknown URL option"),
    ],
)
def test_bad_smtp_urls(value: str, options: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        smtp_target(value, **options)


def test_a_password_in_the_url_is_refused_before_anything_happens(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(CORPUS / "000_675e6135523c2031.yaml", corpus)
    code, _, err = run("notify", "--smtp", "smtps://u:pw@127.0.0.1:1", "--from", OFFICE,
                       "--corpus", corpus)
    assert code == 2 and "no password in the URL" in err and "pw" not in err.replace("password",
                                                                                    "")


def test_settings_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notify.yaml"
    path.write_text("from_nam: 督查室\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown setting 'from_nam'") as info:
        load_settings(path)
    assert info.value.path == str(path)
    path.write_text("summary_to: [duban@example.gov.cn, not-an-address]\n", encoding="utf-8")
    with pytest.raises(InputError, match="summary_to: not an e-mail address"):
        load_settings(path)
    path.write_text("signature: {office: 督查室, fax: 1}\n", encoding="utf-8")
    with pytest.raises(InputError, match="signature takes office, name, phone"):
        load_settings(path)
    assert load_settings(None, tmp_path / "nowhere").from_name == "督查室"  # the default


def test_the_office_overrides_a_template(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(CORPUS / "000_675e6135523c2031.yaml", corpus)
    (corpus / "recipients.yaml").write_text(f"{POWER}: gdgs@example.gov.cn\n", encoding="utf-8")
    own = tmp_path / "tpl"
    own.mkdir()
    (own / "subject.txt.j2").write_text(
        "【请于三日内报送】{{ department }} {{ overdue|length }} 项逾期\n", encoding="utf-8")
    code, out, err = run("notify", "--print", "--templates", own, "--dept", POWER,
                         "--as-of", AS_OF, "--corpus", corpus, "--from-name", "督查一科")
    assert (code, err) == (0, "")
    msg = email.message_from_bytes(out.split("\n", 1)[1].encode(), policy=policy.default)
    assert str(msg["Subject"]).startswith(f"【请于三日内报送】{POWER} ")
    assert str(msg["From"]).startswith("督查一科 <")
    assert "逾期" in text_of(msg)  # the shipped body is still used
    # A mistake in a template is one line naming the template and its line.
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "body.txt.j2").write_text("{{ department }}\n{{ no_such_name }}\n",
                                        encoding="utf-8")
    code, out, err = run("notify", "--print", "--templates", broken, "--dept", POWER,
                         "--as-of", AS_OF, "--corpus", corpus)
    assert code == 2 and err.count("\n") == 1
    assert f"{broken / 'body.txt.j2'}:2: template: 'no_such_name' is undefined" in err
    (broken / "body.txt.j2").write_text("{% if %}\n", encoding="utf-8")
    broken2 = tmp_path / "broken2"
    broken.rename(broken2)
    code, out, err = run("notify", "--print", "--templates", broken2, "--dept", POWER,
                         "--as-of", AS_OF, "--corpus", corpus)
    assert code == 2 and f"{broken2 / 'body.txt.j2'}:1: template:" in err


def test_a_change_in_the_second_of_the_last_run_is_reported() -> None:
    """Ledger stamps and the run's stamp are to the second: a status set in the same second
    as the last run (the loop's test did so now and then) is a change since that run."""
    from types import SimpleNamespace

    from reformctl.export.mail.summary import _changes_since

    event = SimpleNamespace(at="2021-10-01T07:30:02+08:00", by="李强", from_status="open",
                            to_status="done", note="已验收", source=None)
    entry = SimpleNamespace(id="1.4", milestone=None, document="d", history=[event])
    ledger = SimpleNamespace(entries=[entry])
    assert [c["id"] for c in _changes_since(ledger, "2021-10-01T07:30:02+08:00", {})] == ["1.4"]
    assert _changes_since(ledger, "2021-10-01T07:30:03+08:00", {}) == []
