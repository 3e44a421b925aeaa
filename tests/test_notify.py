"""`reformctl notify`: per-department overdue mail, delivered to a real local SMTP server."""

from __future__ import annotations

import asyncio
import email
import json
import mailbox
import re
import shutil
import smtplib
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from seedfiles import AS_OF, SEED_YAML, seed_measures
from typer.testing import CliRunner

from reformctl.cli import app
from reformctl.export import mail

SENDER = "dcs@example.gov.cn"

runner = CliRunner()


# ---------------------------------------------------------------------------------------
# The seed, as the test reads it (independently of the code under test)


def is_late(m: dict[str, Any], as_of: date = AS_OF) -> bool:
    return any(d["kind"] == "by" and d["date"] and date.fromisoformat(d["date"]) < as_of
               for d in m["deadlines"])


def expected_lists(as_of: date = AS_OF) -> dict[str, set[str]]:
    """Department → ids of its overdue measures (lead or responsible)."""
    out: dict[str, set[str]] = {}
    for m in seed_measures():
        if is_late(m, as_of):
            for name in m["lead"] + m["responsible"]:
                out.setdefault(name, set()).add(m["id"])
    return out


def all_departments() -> list[str]:
    return list(dict.fromkeys(n for m in seed_measures() for n in m["lead"] + m["responsible"]))


def address_book() -> dict[str, str]:
    return {name: f"d{i}@example.org" for i, name in enumerate(all_departments())}


# ---------------------------------------------------------------------------------------
# Fixtures: a corpus copy, a recipients file, a real SMTP server on 127.0.0.1


def write_recipients(path: Path, book: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(book, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture()
def recipients(tmp_path: Path) -> Path:
    book: dict[str, Any] = dict(address_book())
    # An alias as the key: 市人社局 is 市人力资源社会保障局 in the registry.
    book["市人社局"] = book.pop("市人力资源社会保障局")
    return write_recipients(tmp_path / "recipients.yaml", book)


class Inbox:
    """An aiosmtpd handler that keeps what arrives and can refuse or defer recipients.

    It also counts connections (each aiosmtpd ``SMTP`` object is one connection; the
    controller's own start-up probe never says EHLO, so is not counted) and can end a
    connection after it carried ``drop_after`` messages: silently (``drop="close"``, as an
    idle timeout or a crashed relay would) or with ``421`` to the next MAIL FROM
    (``drop="421"``, as servers limiting messages per connection do).
    """

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse: set[str] = set()
        self.defer: dict[str, int] = {}  # address → how many times to answer 451 first
        self.logins: list[tuple[bytes, bytes]] = []
        self.connections: list[Any] = []  # one aiosmtpd SMTP object per connection, in order
        self.greetings = 0  # EHLO/HELO commands (twice per connection with STARTTLS)
        self.carried: dict[int, int] = {}  # id(connection) → messages accepted on it
        self.quits = 0
        self.drop_after: int | None = None
        self.drop = "close"

    def _greeted(self, server: Any, session: Any, hostname: str) -> None:
        session.host_name = hostname  # a hook replaces aiosmtpd's own bookkeeping
        self.greetings += 1
        if not any(c is server for c in self.connections):
            self.connections.append(server)

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str,
                          responses: list[str]) -> list[str]:
        self._greeted(server, session, hostname)
        return responses

    async def handle_HELO(self, server: Any, session: Any, envelope: Any, hostname: str) -> str:
        self._greeted(server, session, hostname)
        return f"250 {server.hostname}"

    async def handle_QUIT(self, server: Any, session: Any, envelope: Any) -> str:
        self.quits += 1
        return "221 Bye"

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,
                          mail_options: list[str]) -> str:
        if self.drop == "421" and self.carried.get(id(server), 0) == self.drop_after:
            asyncio.get_running_loop().call_soon(server.transport.close)  # after the reply
            return "421 4.7.0 too many messages on this connection, closing"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        if self.defer.get(address, 0) > 0:
            self.defer[address] -= 1
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        carried = self.carried[id(server)] = self.carried.get(id(server), 0) + 1
        if self.drop == "close" and carried == self.drop_after:
            asyncio.get_running_loop().call_soon(server.transport.close)  # after the reply
        return "250 Message accepted"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                     auth_data: Any) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        self.logins.append((auth_data.login, auth_data.password))
        ok = auth_data.password == b"s3cret"
        return AuthResult(success=ok, handled=False)  # not handled: the server answers 535

    def parsed(self) -> list[tuple[list[str], EmailMessage]]:
        return [(rcpt, email.message_from_bytes(raw, policy=policy.default))  # type: ignore[misc]
                for _, rcpt, raw in self.messages]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port,
                            authenticator=inbox.authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def notify(corpus: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, ["notify", "--corpus", str(corpus), "--as-of",
                               AS_OF.isoformat(), "--retry-delay", "0", *args], env=env)


def plain_text(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")  # base64 keeps the wire's CRLF


def html_ids(msg: EmailMessage) -> list[str]:
    part = msg.get_body(("html",))
    assert part is not None
    return re.findall(r"<tr><td>([\d.]+)</td>", part.get_content())


# ---------------------------------------------------------------------------------------
# The judged case: one message per department with overdue work, each measure to each owner


def test_one_message_per_department_with_overdue_work(
    corpus: Path, recipients: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                    "--recipients", str(recipients))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    # Quiet success: 14.10, late, is owned by its sub-items' notes (inherited, from_item).
    assert result.stderr == ""

    expected = expected_lists()
    book = address_book()
    owner_of = {addr: name for name, addr in book.items()}
    assert len(expected) == 46
    assert len(inbox.messages) == len(expected)
    seen: dict[str, set[str]] = {}
    for (mail_from, rcpt, _), (_, msg) in zip(inbox.messages, inbox.parsed(), strict=True):
        assert mail_from == SENDER
        assert len(rcpt) == 1
        dept = owner_of[rcpt[0]]
        assert dept not in seen  # one message per department
        ids = html_ids(msg)
        assert len(ids) == len(set(ids))
        seen[dept] = set(ids)
        assert msg["To"].addresses[0].display_name == dept
        assert msg["To"].addresses[0].addr_spec == rcpt[0]
        assert str(msg["Subject"]) == f"【逾期提醒】{dept}:{len(ids)}项措施已逾期(截至2021-10-01)"
        text = plain_text(msg)
        assert text.startswith(f"{dept}:\n")
        assert "截至 2021-10-01" in text
        for i in ids:
            assert f"\n  {i}  " in text
    assert seen == expected  # every overdue measure reached each of its departments, no more

    # 市人力资源社会保障局 was addressed through its alias 市人社局.
    assert "市人力资源社会保障局" in seen


def test_message_content_and_encoding(corpus: Path, recipients: Path,
                                      smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                    "--recipients", str(recipients), "--dept", "国网泰安供电公司")
    assert result.exit_code == 0, result.output
    assert len(inbox.messages) == 1
    _, rcpt, raw = inbox.messages[0]
    assert rcpt == [address_book()["国网泰安供电公司"]]
    raw_headers = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n")[0]
    raw_headers.decode("ascii")  # every header is 7-bit: Chinese is RFC 2047 encoded
    assert re.search(rb"^Subject: =\?utf-8\?", raw_headers, flags=re.M)
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    assert plain["Content-Transfer-Encoding"] == "base64"
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["Message-ID"].endswith("@example.gov.cn>")
    text = plain_text(msg)
    # 3.8 提升不停电作业能力: 7月底前 → 2021-07-31, 62 days late on 2021-10-01.
    assert "  3.8  提升不停电作业能力\n      时限: 7月底前 (2021-07-31),逾期 62 天" in text
    body = html.get_content()
    assert "<table" in body and "<th>逾期天数</th>" in body
    assert "<td>3.8</td><td>提升不停电作业能力</td><td>7月底前 (2021-07-31)</td>" in body
    expected = expected_lists()["国网泰安供电公司"]
    assert set(html_ids(msg)) == expected
    assert str(msg["Subject"]).startswith(f"【逾期提醒】国网泰安供电公司:{len(expected)}项")


# ---------------------------------------------------------------------------------------
# One connection for the run; a new one only when the server ends it or a retry needs it


def lists_arrived(inbox: Inbox) -> dict[str, set[str]]:
    """Department → ids in the one message it got; fails on a second message to a department,
    an envelope that differs from To, or a subject or text that does not match the table."""
    book = address_book()
    out: dict[str, set[str]] = {}
    for rcpt, msg in inbox.parsed():
        to = msg["To"].addresses[0]
        dept = to.display_name
        assert dept not in out, f"{dept} got two messages"
        assert rcpt == [to.addr_spec] == [book[dept]]
        ids = html_ids(msg)
        assert str(msg["Subject"]) == f"【逾期提醒】{dept}:{len(ids)}项措施已逾期(截至2021-10-01)"
        text = plain_text(msg)
        assert all(f"\n  {i}  " in text for i in ids)
        out[dept] = set(ids)
    return out




def test_one_connection_carries_every_message(
    corpus: Path, recipients: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--recipients",
                    str(recipients), "--smtp-user", "dcs",
                    env={"REFORMCTL_SMTP_PASSWORD": "s3cret"})
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    assert len(inbox.messages) == 46
    assert lists_arrived(inbox) == expected_lists()
    # 46 messages: one connection, one EHLO, one login, one QUIT at the end (was 46 of each).
    assert len(inbox.connections) == 1 and inbox.greetings == 1
    assert inbox.logins == [(b"dcs", b"s3cret")]
    assert inbox.quits == 1


@pytest.mark.parametrize("drop", ["close", "421"])
def test_connection_ended_by_the_server_is_reopened(
    corpus: Path, recipients: Path, smtp: tuple[Inbox, int], drop: str
) -> None:
    inbox, port = smtp
    inbox.drop, inbox.drop_after = drop, 10  # the server ends each connection after 10
    # --retries 0: going on over a new connection is not a retry, it costs no attempt.
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--recipients",
                    str(recipients), "--retries", "0", "-v")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.endswith("46 of 46 messages sent\n")
    assert len(inbox.messages) == 46  # every message exactly once
    assert lists_arrived(inbox) == expected_lists()
    assert len(inbox.connections) == 5
    assert [inbox.carried[id(c)] for c in inbox.connections] == [10, 10, 10, 10, 6]


def test_reconnecting_costs_no_attempt_and_the_transport_is_closed(
    smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    inbox.drop_after = 2
    depts = ["市财政局", "市税务局", "市商务局", "市公安局", "国网泰安供电公司"]
    messages = [(n, mail.compose(n, sender=SENDER, as_of=AS_OF))
                for n in (replace(_notice(d), to=(f"d{i}@example.org",))
                          for i, d in enumerate(depts))]
    transport = mail.SMTPTransport("127.0.0.1", port)
    results = mail.deliver(messages, transport, retries=0, sleep=lambda s: pytest.fail(f"slept {s}"))
    assert [(r.department, r.ok, r.attempts) for r in results] == [(d, True, 1) for d in depts]
    assert [rcpt for _, rcpt, _ in inbox.messages] == [[f"d{i}@example.org"] for i in range(5)]
    assert transport.connections == len(inbox.connections) == 3
    assert inbox.quits == 1  # the last connection, closed by deliver; the server ended the others


def test_transient_failure_is_retried_over_a_new_connection(
    corpus: Path, recipients: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    addr = address_book()["国网泰安供电公司"]
    inbox.defer[addr] = 1
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                    "--recipients", str(recipients))
    assert result.exit_code == 0, result.output
    assert inbox.defer[addr] == 0
    assert lists_arrived(inbox) == expected_lists()
    # The retry gets a fresh connection, as before; the messages after it go on over that one.
    assert len(inbox.connections) == 2
    position = [rcpt for _, rcpt, _ in inbox.messages].index([addr])
    assert inbox.carried[id(inbox.connections[0])] == position
    assert inbox.carried[id(inbox.connections[1])] == 46 - position


# ---------------------------------------------------------------------------------------
# Who gets what when addresses are missing


def test_fallback_gets_the_lists_of_unmapped_departments(
    corpus: Path, tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    book = {"市财政局": "finance@example.org", "市税务局": ["tax1@example.org", "tax2@example.org"]}
    path = write_recipients(tmp_path / "r.yaml", book)
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--recipients",
                    str(path), "--fallback", "dcs@example.org")
    assert result.exit_code == 0, result.output
    expected = expected_lists()
    assert len(inbox.messages) == len(expected)
    by_rcpt: dict[tuple[str, ...], int] = {}
    for _, rcpt, _ in inbox.messages:
        by_rcpt[tuple(rcpt)] = by_rcpt.get(tuple(rcpt), 0) + 1
    assert by_rcpt[("finance@example.org",)] == 1
    assert by_rcpt[("tax1@example.org", "tax2@example.org")] == 1
    assert by_rcpt[("dcs@example.org",)] == len(expected) - 2
    fallback_subjects = {str(m["Subject"]) for r, m in inbox.parsed() if r == ["dcs@example.org"]}
    assert all("【未配置收件人】" in s for s in fallback_subjects)
    assert result.stderr == ""  # the fallback got the lists: nothing went wrong


def test_without_fallback_unmapped_departments_fail(
    corpus: Path, tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    path = write_recipients(tmp_path / "r.yaml", {"市财政局": "finance@example.org"})
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--recipients",
                    str(path))
    assert result.exit_code == 1
    assert [rcpt for _, rcpt, _ in inbox.messages] == [["finance@example.org"]]
    assert f"no address and no --fallback for {len(expected_lists()) - 1} departments" \
        in result.stderr


def test_recipients_file_next_to_the_corpus_is_the_default(
    corpus: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    write_recipients(corpus / "recipients.yaml", {"市财政局": "finance@example.org"})
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                    "--dept", "市财政局")
    assert result.exit_code == 0, result.output
    assert [rcpt for _, rcpt, _ in inbox.messages] == [["finance@example.org"]]


def test_bad_recipients_file_is_one_line(corpus: Path, tmp_path: Path) -> None:
    path = write_recipients(tmp_path / "r.yaml", {"市财政局": "not an address"})
    result = notify(corpus, "--print", "--recipients", str(path))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "r.yaml:1: at /市财政局: 'not an address' is not an e-mail address" in result.stderr


# ---------------------------------------------------------------------------------------
# Failures: one recipient failing stops nothing; transient ones are retried


def test_one_refused_recipient_does_not_stop_the_others(
    corpus: Path, recipients: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    book = address_book()
    inbox.refuse.add(book["市财政局"])
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                    "--recipients", str(recipients))
    assert result.exit_code == 1
    assert len(inbox.messages) == len(expected_lists()) - 1
    assert book["市财政局"] not in {r for _, rcpt, _ in inbox.messages for r in rcpt}
    assert f"reformctl: error: 市财政局 <{book['市财政局']}>: recipients refused" in result.stderr
    assert "550" in result.stderr
    assert f"1 of {len(expected_lists())} messages not delivered" in result.stderr
    expected = expected_lists()
    del expected["市财政局"]
    assert lists_arrived(inbox) == expected  # every other list, each once
    assert len(inbox.connections) == 1  # a refusal for one message keeps the connection


def test_transient_refusal_is_retried(corpus: Path, recipients: Path,
                                      smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    addr = address_book()["国网泰安供电公司"]
    inbox.defer[addr] = 2
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                    "--recipients", str(recipients), "--dept", "国网泰安供电公司", "-v")
    assert result.exit_code == 0, result.output
    assert [rcpt for _, rcpt, _ in inbox.messages] == [[addr]]
    assert inbox.defer[addr] == 0
    assert "1 of 1 message sent" in result.stdout


def test_connection_refused_is_retried_then_reported(corpus: Path, recipients: Path) -> None:
    port = free_port()  # nothing listens there
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                    "--recipients", str(recipients), "--plan", "3", "--retries", "2")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    gave_up = [line for line in lines if "gave up after 3 attempts" in line]
    skipped = [line for line in lines if "not attempted: the server was unreachable" in line]
    departments = {d for m in seed_measures() if m["id"].startswith("3.") and is_late(m)
                   for d in m["lead"] + m["responsible"]}
    # Three departments in a row could not reach the server; the others are not tried.
    assert len(gave_up) == 3 and len(skipped) == len(departments) - 3
    assert "ConnectionRefusedError" in gave_up[0]
    assert lines[-1] == f"reformctl: error: {len(departments)} of {len(departments)} messages " \
        "not delivered"


class FlakyTransport:
    name = "flaky"

    def __init__(self, errors: list[Exception]) -> None:
        self.errors = errors
        self.sent = 0
        self.closed = False

    def send(self, msg: EmailMessage) -> None:
        if self.errors:
            raise self.errors.pop(0)
        self.sent += 1

    def close(self) -> None:
        self.closed = True


def _notice(dept: str = "市财政局") -> mail.Notice:
    line = mail.NoticeLine("doc", "泰安市…配套措施", "10.1", "完善电子采购平台", "10 政府采购",
                           (("6月底前", date(2021, 6, 30)),), -93, "牵头", "open")
    return mail.Notice(dept, ("finance@example.org",), (line,))


def test_deliver_backs_off_and_gives_up() -> None:
    msg = mail.compose(_notice(), sender=SENDER, as_of=AS_OF)
    delays: list[float] = []
    flaky = FlakyTransport([mail.TransientError("451"), mail.TransientError("451")])
    [ok] = mail.deliver([(_notice(), msg)], flaky, retries=3, backoff=0.5, sleep=delays.append)
    assert ok.ok and ok.attempts == 3 and delays == [0.5, 1.0] and flaky.sent == 1
    assert flaky.closed  # deliver ends what the transport holds
    hard = FlakyTransport([mail.DeliveryError("550 no such user")])
    [bad] = mail.deliver([(_notice(), msg)], hard, sleep=delays.append)
    assert not bad.ok and bad.attempts == 1 and bad.error == "550 no such user"
    never = FlakyTransport([mail.TransientError("421")] * 5)
    [gone] = mail.deliver([(_notice(), msg)], never, retries=2, sleep=lambda s: None)
    assert not gone.ok and gone.attempts == 3 and "gave up after 3 attempts" in gone.error


def test_deliver_stops_trying_a_server_that_is_down() -> None:
    msg = mail.compose(_notice(), sender=SENDER, as_of=AS_OF)
    refused = mail.TransientError("refused", unreachable=True)
    down = FlakyTransport([refused, refused, mail.DeliveryError("550"), refused, refused])
    # One message fails on the connection, the next for itself: the count starts again.
    results = mail.deliver([(_notice(), msg)] * 5, down, retries=1, sleep=lambda s: None,
                           unreachable_limit=2)
    assert [r.attempts for r in results] == [2, 1, 2, 1, 1]
    assert results[1].error == "550" and results[3].ok and results[4].ok
    dead = FlakyTransport([mail.TransientError("refused", unreachable=True)] * 9)
    results = mail.deliver([(_notice(), msg)] * 5, dead, retries=1, sleep=lambda s: None,
                           unreachable_limit=2)
    assert [r.attempts for r in results] == [2, 2, 0, 0, 0]
    assert not any(r.ok for r in results)
    assert results[2].error.startswith("not attempted: the server was unreachable")


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (smtplib.SMTPResponseException(421, b"service not available"), True),
        (smtplib.SMTPResponseException(451, b"local error"), True),
        (smtplib.SMTPResponseException(554, b"transaction failed"), False),
        (smtplib.SMTPConnectError(421, b"too many connections"), True),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), True),
        (smtplib.SMTPRecipientsRefused({"a@x.org": (450, b"mailbox busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@x.org": (550, b"no such user")}), False),
        (ConnectionRefusedError(111, "Connection refused"), True),
        (TimeoutError("timed out"), True),
        (OSError(-2, "Name or service not known"), False),
    ],
)
def test_classify(exc: Exception, transient: bool) -> None:
    kind = mail.TransientError if transient else mail.DeliveryError
    assert isinstance(mail.classify(exc), kind)


# ---------------------------------------------------------------------------------------
# Header injection


def test_header_injection_through_a_department_name() -> None:
    evil = "市公安局\r\nBcc: evil@example.org"
    msg = mail.compose(_notice(evil), sender=SENDER, as_of=AS_OF)
    raw = msg.as_bytes()
    assert not re.search(rb"^Bcc:", raw, flags=re.M | re.I)
    back = email.message_from_bytes(raw, policy=policy.default)
    assert back["Bcc"] is None
    assert [a.addr_spec for a in back["To"].addresses] == ["finance@example.org"]
    assert back["To"].addresses[0].display_name == "市公安局 Bcc: evil@example.org"
    assert "\n" not in str(back["Subject"]) and "\r" not in str(back["Subject"])
    assert back["X-Reformctl-Department"] == "市公安局 Bcc: evil@example.org"
    assert mail.header_safe("a\r\nb\x00c\u2028d") == "a b c d"


def test_header_injection_end_to_end(corpus: Path, tmp_path: Path,
                                     smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    evil = "市公安局\r\nBcc: evil@example.org"
    path = corpus / SEED_YAML.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    m = data["plans"][2]["measures"][7]  # 3.8, late since 7月底前
    m["title"] = "提升不停电作业能力\r\nBcc: evil@example.org"
    m["owners"][0]["responsible"] = [evil]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rec = write_recipients(tmp_path / "r.yaml", {evil: "police@example.org"})
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--recipients",
                    str(rec), "--fallback", "dcs@example.org", "--plan", "3")
    assert result.exit_code == 0, result.output
    rcpts = {r for _, rcpt, _ in inbox.messages for r in rcpt}
    assert "evil@example.org" not in rcpts
    assert "police@example.org" in rcpts
    for _, msg in inbox.parsed():
        assert msg["Bcc"] is None
        assert "evil@example.org" not in [a.addr_spec for a in msg["To"].addresses]


ENCODED_REPLY_TO = "=?utf-8?q?=0D=0AReply-To:_attacker@evil.example?="  # issue 15, point 4
BAD_ADDRESS = "=?utf-8?q?=0D=0A?=@x.org"  # passes the recipients file's check
HEADERS = {"From", "To", "Cc", "Subject", "Date", "Message-ID", "Auto-Submitted",
           "X-Reformctl-As-Of", "X-Reformctl-Department", "MIME-Version", "Content-Type"}


def header_names(raw: bytes) -> list[str]:
    """The names of the header lines as they are on the wire (folded lines start with
    white space)."""
    head = raw.split(b"\r\n\r\n", 1)[0].replace(b"\r\n", b"\n")
    return [line.split(b":", 1)[0].decode() for line in head.split(b"\n")
            if line and line[:1] not in (b" ", b"\t")]


@pytest.mark.parametrize("name", [
    ENCODED_REPLY_TO,
    "市公安局" + ENCODED_REPLY_TO,
    "=?utf-8?b?DQpSZXBseS1UbzogYXR0YWNrZXJAZXZpbC5leGFtcGxl?=",  # the same, base64
    # an encoded word that decodes to another one
    "=?utf-8?q?=3D=3Futf-8=3Fq=3F=3D0D=3D0AReply-To:_attacker@evil.example=3F=3D?=",
])
def test_encoded_words_in_names_add_no_header(name: str) -> None:
    notice = replace(_notice(name), cc=((name, "leader@example.org"),))
    raw = mail.compose(notice, sender=SENDER, as_of=AS_OF).as_bytes()
    assert set(header_names(raw)) <= HEADERS, header_names(raw)
    back = email.message_from_bytes(raw, policy=policy.default)
    assert back["Reply-To"] is None
    assert [a.addr_spec for a in back["To"].addresses] == ["finance@example.org"]
    assert [a.addr_spec for a in back["Cc"].addresses] == ["leader@example.org"]
    for value in (back["To"].addresses[0].display_name, back["Cc"].addresses[0].display_name,
                  str(back["X-Reformctl-Department"]), str(back["Subject"])):
        assert "\r" not in value and "\n" not in value
        assert "=?" not in value  # reduced to plain text before it was encoded
        assert "Reply-To: attacker@evil.example" in value  # harmless as text


def test_plain_text() -> None:
    assert mail.plain_text(ENCODED_REPLY_TO) == "Reply-To: attacker@evil.example"
    assert mail.plain_text("=?utf-8?b?5biC?=公安局") == "市公安局"
    assert mail.plain_text("=?bogus?q?x?= y") == "= ?bogus?q?x?= y"  # undecodable: broken up
    assert mail.plain_text("市公安局\r\nBcc: x") == "市公安局 Bcc: x"


def test_encoded_word_in_a_department_name_end_to_end(
    corpus: Path, tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    path = corpus / SEED_YAML.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    m = data["plans"][2]["measures"][7]  # 3.8, late since 7月底前
    m["owners"][0]["responsible"] = [ENCODED_REPLY_TO]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rec = write_recipients(tmp_path / "r.yaml", {ENCODED_REPLY_TO: "police@example.org"})
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--recipients",
                    str(rec), "--fallback", "dcs@example.org", "--plan", "3")
    assert result.exit_code == 0, result.output
    assert any(rcpt == ["police@example.org"] for _, rcpt, _ in inbox.messages)
    for _, _, raw in inbox.messages:
        names = header_names(raw)
        assert set(names) <= HEADERS, names
        assert "Reply-To" not in names
    for rcpt, msg in inbox.parsed():
        assert msg["Reply-To"] is None
        if rcpt == ["police@example.org"]:
            assert msg["To"].addresses[0].display_name == "Reply-To: attacker@evil.example"
            assert msg["X-Reformctl-Department"] == "Reply-To: attacker@evil.example"


def test_one_bad_address_skips_its_message_and_the_rest_are_sent(
    corpus: Path, tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    book: dict[str, Any] = dict(address_book())
    book["市财政局"] = BAD_ADDRESS
    rec = write_recipients(tmp_path / "r.yaml", book)
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                    "--recipients", str(rec))
    assert result.exit_code == 1, result.output
    expected = expected_lists()
    assert len(inbox.messages) == len(expected) - 1  # 45 of 46
    lines = result.stderr.splitlines()
    assert lines == [f"reformctl: error: 市财政局 <{BAD_ADDRESS}>: not sent: bad address "
                     f"'{BAD_ADDRESS}': missing trailing whitespace after encoded-word",
                     f"reformctl: error: 1 of {len(expected)} messages not delivered"]
    del expected["市财政局"]
    assert lists_arrived(inbox) == expected


@pytest.mark.parametrize("option", ["--from", "--fallback", "--summary-to"])
def test_a_bad_office_address_is_a_usage_error(corpus: Path, recipients: Path,
                                              option: str) -> None:
    args = ["--print", "--recipients", str(recipients), option, BAD_ADDRESS]
    if option != "--from":
        args += ["--from", SENDER]
    result = notify(corpus, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1
    assert "bad address" in result.stderr


# ---------------------------------------------------------------------------------------
# Other transports and modes


def test_print_writes_an_mbox(corpus: Path, tmp_path: Path) -> None:
    result = notify(corpus, "--print", "--fallback", "dcs@example.org", "--plan", "3")
    assert result.exit_code == 0, result.output
    assert "已超过完成时限" in result.stdout  # 8bit text: readable as printed
    box = tmp_path / "out.mbox"
    box.write_text(result.stdout, encoding="utf-8")
    messages = list(mailbox.mbox(str(box)))
    depts = {d for m in seed_measures() if m["id"].startswith("3.") and is_late(m)
             for d in m["lead"] + m["responsible"]}
    assert len(messages) == len(depts)
    assert {m["X-Reformctl-Department"] for m in messages} != set()


def test_dry_run_shows_who_gets_what(corpus: Path, recipients: Path) -> None:
    result = notify(corpus, "--dry-run", "--recipients", str(recipients), "-f", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    expected = expected_lists()
    assert {r["department"]: set(r["overdue"]) for r in plan} == expected
    assert all(r["to"] == [address_book()[r["department"]]] for r in plan)
    bare = notify(corpus, "--dry-run", "-f", "json")
    assert bare.exit_code == 1  # nobody has an address and there is no fallback
    assert json.loads(bare.stdout) == []


def test_within_adds_what_falls_due_soon(corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["notify", "--corpus", str(corpus), "--as-of", "2021-09-20",
                                 "--within", "15", "--dry-run", "-f", "json",
                                 "--fallback", "dcs@example.org", "--dept", "国网泰安供电公司"])
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    soon = {m["id"] for m in seed_measures() if "国网泰安供电公司" in m["lead"] + m["responsible"]
            and any(d["kind"] == "by" and d["date"] and
                    date(2021, 9, 20) <= date.fromisoformat(d["date"]) <= date(2021, 10, 5)
                    for d in m["deadlines"])}
    assert soon and set(record["upcoming"]) == soon
    printed = runner.invoke(app, ["notify", "--corpus", str(corpus), "--as-of", "2021-09-20",
                                  "--within", "15", "--print", "--fallback", "dcs@example.org",
                                  "--dept", "国网泰安供电公司"])
    assert "将在 15 天内到期" in printed.stdout


def test_sendmail_transport(corpus: Path, tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    fake = tmp_path / "sendmail"
    fake.write_text(f'#!/bin/sh\nn=$(ls {spool} | wc -l)\nprintf "%s\\n" "$@" > '
                    f'{spool}/args.$n\ncat > {spool}/msg.$n\n', encoding="utf-8")
    fake.chmod(0o755)
    rec = write_recipients(tmp_path / "r.yaml", {"市财政局": "finance@example.org"})
    result = notify(corpus, "--sendmail", "--sendmail-path", str(fake), "--from", SENDER,
                    "--recipients", str(rec), "--dept", "市财政局")
    assert result.exit_code == 0, result.output
    args = (spool / "args.0").read_text().split()
    assert args == ["-oi", "-f", SENDER, "--", "finance@example.org"]
    msg = email.message_from_bytes((spool / "msg.0").read_bytes(), policy=policy.default)
    assert str(msg["Subject"]).startswith("【逾期提醒】市财政局:")
    failing = tmp_path / "failing"
    failing.write_text("#!/bin/sh\necho 'no route' >&2\nexit 67\n", encoding="utf-8")
    failing.chmod(0o755)
    bad = notify(corpus, "--sendmail", "--sendmail-path", str(failing), "--from", SENDER,
                 "--recipients", str(rec), "--dept", "市财政局")
    assert bad.exit_code == 1
    assert "sendmail exited 67: no route" in bad.stderr


# ---------------------------------------------------------------------------------------
# Login, TLS, usage


def test_login_with_password_from_env_or_file(corpus: Path, tmp_path: Path,
                                              smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    rec = write_recipients(tmp_path / "r.yaml", {"市财政局": "finance@example.org"})
    common = ["--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--recipients", str(rec),
              "--dept", "市财政局", "--smtp-user", "dcs"]
    ok = notify(corpus, *common, env={"REFORMCTL_SMTP_PASSWORD": "s3cret"})
    assert ok.exit_code == 0, ok.output
    secret = tmp_path / "pw"
    secret.write_text("s3cret\n", encoding="utf-8")
    ok2 = notify(corpus, *common, "--password-file", str(secret),
                 env={"REFORMCTL_SMTP_PASSWORD": ""})
    assert ok2.exit_code == 0, ok2.output
    assert inbox.logins == [(b"dcs", b"s3cret"), (b"dcs", b"s3cret")]
    assert len(inbox.messages) == 2
    wrong = notify(corpus, *common, env={"REFORMCTL_SMTP_PASSWORD": "nope"})
    assert wrong.exit_code == 1
    assert "login refused: 535" in wrong.stderr
    missing = runner.invoke(app, ["notify", "--corpus", str(corpus), *common],
                            env={"REFORMCTL_SMTP_PASSWORD": None})  # type: ignore[dict-item]
    assert missing.exit_code == 2
    assert "set $REFORMCTL_SMTP_PASSWORD or give --password-file" in missing.stderr
    on_command_line = notify(corpus, *common, "--password", "s3cret")
    assert on_command_line.exit_code == 2  # there is no such option, on purpose


@pytest.fixture()
def tls_files(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@pytest.mark.parametrize("mode", ["--starttls", "--ssl"])
def test_tls(corpus: Path, recipients: Path, tls_files: tuple[Path, Path], mode: str,
             monkeypatch: pytest.MonkeyPatch) -> None:
    import ssl

    cert, key = tls_files
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    port = free_port()
    kwargs: dict[str, Any] = (
        {"tls_context": context, "require_starttls": True} if mode == "--starttls"
        else {"ssl_context": context}
    )
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the test certificate
        result = notify(corpus, "--smtp", f"127.0.0.1:{port}", mode, "--from", SENDER,
                        "--recipients", str(recipients), "--plan", "3")
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    departments = {d for m in seed_measures() if m["id"].startswith("3.") and is_late(m)
                   for d in m["lead"] + m["responsible"]}
    assert len(departments) > 1
    assert set(lists_arrived(inbox)) == departments
    # One TLS handshake for them all: one connection (EHLO again after STARTTLS).
    assert len(inbox.connections) == 1
    assert inbox.greetings == (2 if mode == "--starttls" else 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "choose a transport"),
        (["--print", "--sendmail"], "choose one of --sendmail, --print"),
        (["--smtp", "mail.example.org"], "--smtp must be HOST:PORT"),
        (["--smtp", "127.0.0.1:25"], "--from ADDRESS is required"),
        (["--print", "--starttls"], "need --smtp"),
        (["--print", "--from", "x\r\nBcc: y@z.org"], "--from: not an e-mail address"),
        (["--print", "--fallback", "nobody"], "--fallback: not an e-mail address"),
    ],
)
def test_usage_errors(corpus: Path, args: list[str], message: str) -> None:
    result = notify(corpus, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_quiet_success(corpus: Path, recipients: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    result = notify(corpus, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                    "--recipients", str(recipients), "--plan", "1")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""
    assert len(inbox.messages) == len({d for m in seed_measures() if m["id"].startswith("1.")
                                       and is_late(m) for d in m["lead"] + m["responsible"]})


def test_nothing_overdue_sends_nothing(corpus: Path, recipients: Path,
                                       smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    result = runner.invoke(app, ["notify", "--corpus", str(corpus), "--as-of", "2021-01-01",
                                 "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                                 "--recipients", str(recipients)])
    assert result.exit_code == 0
    assert inbox.messages == []
