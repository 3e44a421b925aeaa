"""Per-department overdue mail: who gets what, the messages, and how they are delivered.

``build_notices`` turns the audit's overdue (and soon-due) items into one notice per
department with its addresses; ``compose`` makes an RFC 5322 message of a notice (Chinese
subject and names RFC 2047-encoded by ``policy.SMTP``, a plain-text body and an HTML
alternative); ``deliver`` sends each message through a transport (SMTP, sendmail, print),
retrying transient failures, and reports per message so that one failure stops nothing.
Over SMTP all messages share one connection (one TLS handshake, one login), opened again
only when the server ends it or a retry needs it.

Anything that reaches a header (department names, titles, addresses) is stripped of control
characters first, so a name like "市公安局\\r\\nBcc: x" cannot add a header.
"""

from __future__ import annotations

import html
import re
import smtplib
import ssl
import subprocess
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from reformctl.errors import InputError, UsageError

if TYPE_CHECKING:
    from reformctl.audit.due import DueItem

# Control characters (CR, LF, NUL, U+2028…) have no place in a header: they are how a value
# would smuggle in "\r\nBcc: attacker@example.com".
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
# A plain addr-spec, the only form the recipients file takes: "tax@ta.gov.cn".
ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")

SUBJECT_TAG = "【逾期提醒】"


def header_safe(text: str) -> str:
    """One line of text fit for a header: control characters become a single space."""
    return _HEADER_UNSAFE.sub(" ", text).strip()


def check_address(addr: Any, where: str = "address") -> str:
    """A bare e-mail address, or UsageError naming what was wrong."""
    if not isinstance(addr, str) or not ADDRESS.match(addr.strip()):
        raise UsageError(f"{where}: not an e-mail address: {addr!r}")
    return addr.strip()


# ---------------------------------------------------------------------------------------
# Who gets what


def load_recipients(path: str | Path, registry: Any | None = None) -> dict[str, tuple[str, ...]]:
    """A YAML mapping department → address or list of addresses, keys folded to canonical names.

    ``市人社局: hr@example.gov.cn`` and ``市人力资源社会保障局: [...]`` both land on the canonical
    name, their addresses merged.
    """
    from reformctl.yamlio import load_yaml_file

    data = load_yaml_file(path)
    if not isinstance(data, dict):
        raise InputError("recipients file must map department names to addresses", path=str(path))
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not header_safe(key):
            raise InputError(f"recipients: bad department name {key!r}", path=str(path))
        values = value if isinstance(value, list) else [value]
        try:
            addrs = [check_address(v, f"recipients: {key}") for v in values]
        except UsageError as exc:
            raise InputError(exc.message, path=str(path)) from None
        name = registry.canonical(key) if registry is not None else header_safe(key)
        bucket = out.setdefault(name, [])
        bucket.extend(a for a in addrs if a not in bucket)
    return {name: tuple(addrs) for name, addrs in out.items()}


@dataclass(frozen=True)
class NoticeLine:
    """One measure in a department's list: where it is late (or soon due) and by how much."""

    document: str
    document_title: str
    id: str
    title: str
    plan: str
    deadlines: tuple[tuple[str, date], ...]  # (raw phrase, resolved day)
    days: int  # < 0: days late; >= 0: days left
    role: str  # 牵头 or 责任
    status: str

    @property
    def days_late(self) -> int:
        return max(-self.days, 0)

    @property
    def deadline_text(self) -> str:
        return "; ".join(f"{raw} ({day.isoformat()})" for raw, day in self.deadlines)


@dataclass(frozen=True)
class Notice:
    """What one department is told, and where it goes."""

    department: str
    to: tuple[str, ...]
    overdue: tuple[NoticeLine, ...] = ()
    upcoming: tuple[NoticeLine, ...] = ()
    fallback: bool = False  # sent to the fallback address: the department has none


@dataclass
class NoticePlan:
    notices: list[Notice] = field(default_factory=list)
    unaddressed: list[str] = field(default_factory=list)  # no address and no fallback
    fallback_departments: list[str] = field(default_factory=list)
    unowned: list[NoticeLine] = field(default_factory=list)  # late, but nobody owns it


def _lines_by_department(
    items: Iterable[DueItem], registry: Any | None
) -> tuple[dict[str, list[NoticeLine]], list[NoticeLine]]:
    """Group items per department and per measure (a measure late twice is one line)."""
    per_measure: dict[tuple[str, str], list[DueItem]] = {}
    for item in items:
        per_measure.setdefault((item.hit.doc_name, item.hit.measure.id), []).append(item)
    out: dict[str, list[NoticeLine]] = {}
    unowned: list[NoticeLine] = []
    for group in per_measure.values():
        hit = group[0].hit
        m = hit.measure
        deadlines: dict[tuple[str, date], None] = {}
        for item in group:
            if item.deadline.date is not None:
                deadlines.setdefault((item.deadline.raw, item.deadline.date), None)
        base = NoticeLine(
            document=hit.doc_name,
            document_title=hit.entry.document.document.title,
            id=m.id,
            title=m.title,
            plan=f"{hit.plan.index} {hit.plan.title}",
            deadlines=tuple(deadlines),
            days=min(i.days for i in group),
            role="",
            status=group[0].status,
        )
        names = [(n, "牵头") for n in m.lead] + [(n, "责任") for n in m.responsible]
        if not names:
            unowned.append(base)
        seen: set[str] = set()
        for name, role in names:
            canonical = registry.canonical(name) if registry is not None else name
            if canonical in seen:
                continue
            seen.add(canonical)
            out.setdefault(canonical, []).append(replace(base, role=role))
    return out, unowned


def build_notices(
    overdue: Iterable[DueItem],
    upcoming: Iterable[DueItem] = (),
    recipients: dict[str, tuple[str, ...]] | None = None,
    *,
    registry: Any | None = None,
    fallback: str | None = None,
    dept: Callable[[str], bool] | None = None,
) -> NoticePlan:
    """One notice per department with overdue (or, given ``upcoming``, soon-due) work.

    Departments without an address go to ``fallback`` (one message each, so every list keeps
    its department) or, without one, into ``unaddressed``. ``dept`` keeps only the departments
    it accepts (``--dept``).
    """
    recipients = recipients or {}
    late, unowned = _lines_by_department(overdue, registry)
    soon, _ = _lines_by_department((i for i in upcoming if i.days >= 0), registry)
    plan = NoticePlan(unowned=unowned)
    for name in dict.fromkeys([*late, *soon]):
        if dept is not None and not dept(name):
            continue
        lines_late = tuple(sorted(late.get(name, ()), key=lambda n: (n.days, n.document)))
        lines_soon = tuple(sorted(soon.get(name, ()), key=lambda n: (n.days, n.document)))
        to = recipients.get(name, ())
        if to:
            plan.notices.append(Notice(name, to, lines_late, lines_soon))
        elif fallback:
            plan.fallback_departments.append(name)
            plan.notices.append(Notice(name, (fallback,), lines_late, lines_soon, fallback=True))
        else:
            plan.unaddressed.append(name)
    return plan


# ---------------------------------------------------------------------------------------
# The message


def subject_of(notice: Notice, as_of: date) -> str:
    parts = []
    if notice.overdue:
        parts.append(f"{len(notice.overdue)}项措施已逾期")
    if notice.upcoming:
        parts.append(f"{len(notice.upcoming)}项即将到期")
    tag = "【未配置收件人】" if notice.fallback else ""
    return header_safe(
        f"{SUBJECT_TAG}{tag}{notice.department}:{'，'.join(parts)}(截至{as_of.isoformat()})"
    )


def text_body(notice: Notice, as_of: date, within: int | None = None) -> str:
    out = [f"{notice.department}:", ""]
    if notice.fallback:
        out += [f"(本单位在收件人名单中没有邮箱地址,此邮件发给了备用地址 {notice.to[0]}。)", ""]
    if notice.overdue:
        out.append(f"截至 {as_of.isoformat()},贵单位牵头或负责的以下 {len(notice.overdue)} "
                   "项措施已超过完成时限:")
        out.append("")
        out += _text_rows(notice.overdue, late=True)
    if notice.upcoming:
        span = f" {within} 天内" if within is not None else "近期"
        out.append(f"以下 {len(notice.upcoming)} 项措施将在{span}到期:")
        out.append("")
        out += _text_rows(notice.upcoming, late=False)
    out.append("如已完成,请告知督查部门更新台账状态。")
    out.append("-- ")
    out.append("reformctl 自动生成")
    return "\n".join(out) + "\n"


def _text_rows(lines: Sequence[NoticeLine], *, late: bool) -> list[str]:
    out = []
    for n in lines:
        when = f"逾期 {n.days_late} 天" if late else f"还有 {n.days} 天"
        out.append(f"  {n.id}  {n.title}")
        out.append(f"      时限: {n.deadline_text},{when}")
        out.append(f"      {n.role or '-'} · 计划 {n.plan} · {n.document_title} · 状态 {n.status}")
        out.append("")
    return out


def html_body(notice: Notice, as_of: date, within: int | None = None) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        f"<title>{e(notice.department)}</title></head>",
        "<body style=\"font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',"
        "'WenQuanYi Micro Hei',sans-serif\">",
        f"<p>{e(notice.department)}:</p>",
    ]
    if notice.fallback:
        parts.append(f"<p><em>本单位在收件人名单中没有邮箱地址,此邮件发给了备用地址 "
                     f"{e(notice.to[0])}。</em></p>")
    if notice.overdue:
        parts.append(f"<p>截至 <strong>{as_of.isoformat()}</strong>,贵单位牵头或负责的以下 "
                     f"{len(notice.overdue)} 项措施已超过完成时限:</p>")
        parts.append(_html_table(notice.overdue, late=True))
    if notice.upcoming:
        span = f" {within} 天内" if within is not None else "近期"
        parts.append(f"<p>以下 {len(notice.upcoming)} 项措施将在{span}到期:</p>")
        parts.append(_html_table(notice.upcoming, late=False))
    parts.append("<p>如已完成,请告知督查部门更新台账状态。</p>")
    parts.append("<p style=\"color:#888\">reformctl 自动生成</p></body></html>")
    return "\n".join(parts) + "\n"


def _html_table(lines: Sequence[NoticeLine], *, late: bool) -> str:
    e = html.escape
    head = "逾期天数" if late else "剩余天数"
    rows = [
        "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" "
        "style=\"border-collapse:collapse\">",
        f"<thead><tr><th>编号</th><th>措施</th><th>时限</th><th>{head}</th><th>角色</th>"
        "<th>计划</th><th>状态</th></tr></thead><tbody>",
    ]
    for n in lines:
        days = n.days_late if late else n.days
        rows.append(
            f"<tr><td>{e(n.id)}</td><td>{e(n.title)}</td><td>{e(n.deadline_text)}</td>"
            f"<td style=\"text-align:right\">{days}</td><td>{e(n.role)}</td>"
            f"<td>{e(n.plan)}</td><td>{e(n.status)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def compose(
    notice: Notice,
    *,
    sender: str,
    as_of: date,
    within: int | None = None,
    now: datetime | None = None,
    cte: str = "base64",
) -> EmailMessage:
    """The message for one notice. ``cte="8bit"`` keeps the text readable for ``--print``."""
    sender = check_address(sender, "--from")
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = Address(display_name="reformctl", addr_spec=sender)
    name = header_safe(notice.department)
    msg["To"] = [Address(display_name=name, addr_spec=check_address(a)) for a in notice.to]
    msg["Subject"] = subject_of(notice, as_of)
    msg["Date"] = format_datetime(now or datetime.now().astimezone())
    msg["Message-ID"] = make_msgid("reformctl", domain=sender.rpartition("@")[2])
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a cron job
    msg["X-Reformctl-Department"] = name
    msg["X-Reformctl-As-Of"] = as_of.isoformat()
    msg.set_content(text_body(notice, as_of, within), charset="utf-8", cte=cte)
    msg.add_alternative(html_body(notice, as_of, within), subtype="html", charset="utf-8",
                        cte=cte)
    return msg


# ---------------------------------------------------------------------------------------
# Delivery


class Transport(Protocol):
    """Sends one message at a time; ``close`` ends whatever it holds (``deliver`` calls it)."""

    name: str

    def send(self, msg: EmailMessage) -> None: ...

    def close(self) -> None: ...


class TransientError(Exception):
    """A failure worth retrying (4xx reply, connection refused or dropped, sendmail EX_TEMPFAIL).

    ``unreachable`` marks failures of the server rather than of a message (refused, timed out,
    dropped, 421 on connect): after a few messages in a row fail that way, the rest are not
    attempted, so a cron job against a dead server ends in seconds, not hours.
    """

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


class DeliveryError(Exception):
    """A failure that retrying will not fix (5xx reply, bad login, partial refusal)."""


class ConnectionLost(TransientError):
    """The server ended the connection before answering a message's first command.

    Nothing of the message was accepted, so on a connection kept from earlier messages it
    goes out again at once on a new one (idle timeout, a limit of messages per connection);
    on a new connection it is an ordinary transient failure.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, unreachable=True)


def classify(exc: BaseException) -> Exception:
    """TransientError or DeliveryError for an smtplib/socket error."""
    if isinstance(exc, (TransientError, DeliveryError)):
        return exc
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        text = "; ".join(f"{a}: {c} {_text(m)}" for a, (c, m) in exc.recipients.items())
        kind = TransientError if codes and all(400 <= c < 500 for c in codes) else DeliveryError
        return kind(f"recipients refused: {text}")
    if isinstance(exc, smtplib.SMTPResponseException):
        message = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        if 400 <= exc.smtp_code < 500:
            connect = isinstance(exc, smtplib.SMTPConnectError) or exc.smtp_code == 421
            return TransientError(message, unreachable=connect)
        return DeliveryError(message)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return TransientError(f"server disconnected: {exc}", unreachable=True)
    if isinstance(exc, (ConnectionError, TimeoutError)):
        return TransientError(f"{type(exc).__name__}: {exc}", unreachable=True)
    if isinstance(exc, ssl.SSLError):
        return DeliveryError(f"TLS: {exc}")
    if isinstance(exc, (OSError, smtplib.SMTPException)):
        return DeliveryError(f"{type(exc).__name__}: {exc}")
    return DeliveryError(str(exc))


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def envelope_recipients(msg: EmailMessage) -> list[str]:
    return [a.addr_spec for a in msg["To"].addresses]


def envelope_sender(msg: EmailMessage) -> str:
    return str(msg["From"].addresses[0].addr_spec)


@dataclass
class SMTPTransport:
    """SMTP with optional STARTTLS or implicit TLS (``security`` = none, starttls, ssl).

    One connection carries every message: it is opened (TLS, login) by the first ``send``
    and kept until ``close``. It is given up, and the next ``send`` opens another, when a
    failure is worth retrying (the retry gets a fresh connection) or the server has ended
    it. A message refused for itself (550 for its recipient) leaves the connection in use.
    """

    host: str
    port: int
    security: str = "none"
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0
    name: str = "smtp"
    connections: int = field(default=0, init=False)  # opened so far
    _server: smtplib.SMTP | None = field(default=None, init=False, repr=False)

    def send(self, msg: EmailMessage) -> None:
        if self._server is not None:
            try:
                self._send_over(self._server, msg)
                return
            except ConnectionLost:
                pass  # ended while idle or after its quota: a new connection, same attempt
        self._send_over(self._connect(), msg)

    def close(self) -> None:
        """End the connection politely (QUIT), if there is one."""
        server, self._server = self._server, None
        _quietly_quit(server)

    def _drop(self) -> None:
        """Give up the connection without a word: it failed, QUIT could wait for a timeout."""
        server, self._server = self._server, None
        if server is not None:
            server.close()

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        server: smtplib.SMTP | None = None
        try:
            if self.security == "ssl":
                server = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                          context=context)
            else:
                server = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            self.connections += 1
            server.ehlo()
            if self.security == "starttls":
                server.starttls(context=context)
                server.ehlo()
            if self.user:
                server.login(self.user, self.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            _quietly_quit(server)
            raise DeliveryError(f"login refused: {exc.smtp_code} {_text(exc.smtp_error)}") from exc
        except Exception as exc:  # noqa: BLE001 - every failure is classified and reported
            if server is not None:
                server.close()
            raise classify(exc) from exc
        self._server = server
        return server

    def _send_over(self, server: smtplib.SMTP, msg: EmailMessage) -> None:
        """One transaction; the connection is kept only if the server is still in step."""
        try:
            refused = _transaction(server, msg)
        except ConnectionLost:
            self._drop()
            raise
        except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as exc:
            error = classify(exc)
            if isinstance(error, TransientError):
                self._drop()  # the retry gets a new connection
            else:
                try:
                    server.rset()  # the message was refused: clear it, keep the connection
                except (smtplib.SMTPException, OSError):
                    self._drop()
            raise error from exc
        except Exception as exc:  # noqa: BLE001 - every failure is classified and reported
            self._drop()
            raise classify(exc) from exc
        if refused:
            text = "; ".join(f"{a}: {c} {_text(m)}" for a, (c, m) in refused.items())
            raise DeliveryError(f"some recipients refused: {text}")


def _transaction(server: smtplib.SMTP, msg: EmailMessage) -> dict[str, tuple[int, bytes]]:
    """MAIL FROM, RCPT TO, DATA for one message; the recipients refused while others took it.

    What ``smtplib.SMTP.sendmail`` does, except that a connection the server ended before
    answering MAIL FROM is ``ConnectionLost`` (nothing of the message was accepted), and that
    no RSET is sent here: the caller decides whether the connection is still good.
    """
    sender, recipients = envelope_sender(msg), envelope_recipients(msg)
    data = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))
    options = [f"SIZE={len(data)}"] if server.has_extn("size") else []
    try:
        code, reply = server.mail(sender, options)
    except smtplib.SMTPServerDisconnected as exc:
        raise ConnectionLost(f"server disconnected: {exc}") from exc
    if code == 421:
        raise ConnectionLost(f"{code} {_text(reply)}")
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused: dict[str, tuple[int, bytes]] = {}
    for rcpt in recipients:
        code, reply = server.rcpt(rcpt)
        if code not in (250, 251):
            refused[rcpt] = (code, reply)
        if code == 421:
            raise smtplib.SMTPRecipientsRefused(refused)
    if len(refused) == len(recipients):
        raise smtplib.SMTPRecipientsRefused(refused)
    code, reply = server.data(data)
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)
    return refused


def _quietly_quit(server: smtplib.SMTP | None) -> None:
    if server is not None:
        try:
            server.quit()
        except (smtplib.SMTPException, OSError):
            server.close()


@dataclass
class SendmailTransport:
    """Pipe each message to ``sendmail -oi -f FROM -- TO...`` (exit 75 = try again later)."""

    command: str = "/usr/sbin/sendmail"
    timeout: float = 60.0
    name: str = "sendmail"

    def send(self, msg: EmailMessage) -> None:
        argv = [self.command, "-oi", "-f", envelope_sender(msg), "--", *envelope_recipients(msg)]
        try:
            done = subprocess.run(argv, input=msg.as_bytes(), capture_output=True,
                                  timeout=self.timeout, check=False)
        except FileNotFoundError as exc:
            raise DeliveryError(f"sendmail not found: {self.command}") from exc
        except subprocess.TimeoutExpired as exc:
            raise TransientError(f"sendmail timed out after {self.timeout:g}s") from exc
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = f": {err[-1]}" if err else ""
            kind = TransientError if done.returncode == 75 else DeliveryError
            raise kind(f"sendmail exited {done.returncode}{detail}")

    def close(self) -> None:
        """Nothing is held: each message is its own sendmail process."""


@dataclass
class PrintTransport:
    """Write the messages to a stream as an mbox (readable with ``mutt -f``)."""

    stream: IO[str]
    name: str = "print"

    def send(self, msg: EmailMessage) -> None:
        text = msg.as_bytes(policy=msg.policy.clone(linesep="\n")).decode("utf-8", "replace")
        stamp = datetime.now().strftime("%a %b %d %H:%M:%S %Y")
        self.stream.write(f"From {envelope_sender(msg)} {stamp}\n")
        for line in text.split("\n"):
            self.stream.write((">" + line if line.startswith("From ") else line) + "\n")
        self.stream.write("\n")

    def close(self) -> None:
        """The stream belongs to the caller."""


@dataclass(frozen=True)
class Delivery:
    """What happened to one message."""

    department: str
    to: tuple[str, ...]
    ok: bool
    attempts: int
    error: str = ""


def deliver(
    messages: Sequence[tuple[Notice, EmailMessage]],
    transport: Transport,
    *,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
    unreachable_limit: int = 3,
) -> list[Delivery]:
    """Send every message; transient failures are retried ``retries`` times (backoff ×2 each).

    A message that fails stops nothing, except that after ``unreachable_limit`` messages in a
    row gave up because the server could not be reached, the rest are reported unsent without
    trying (each attempt could otherwise wait for a connect timeout). The transport is
    closed at the end (for SMTP: the one connection the messages shared).
    """
    try:
        return _deliver_each(messages, transport, retries, backoff, sleep, unreachable_limit)
    finally:
        transport.close()


def _deliver_each(
    messages: Sequence[tuple[Notice, EmailMessage]],
    transport: Transport,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None],
    unreachable_limit: int,
) -> list[Delivery]:
    results = []
    down = 0
    for notice, msg in messages:
        if down >= unreachable_limit:
            results.append(Delivery(notice.department, notice.to, False, 0,
                                    f"not attempted: the server was unreachable for the "
                                    f"previous {down} messages"))
            continue
        attempts = 0
        while True:
            attempts += 1
            try:
                transport.send(msg)
            except TransientError as exc:
                if attempts <= retries:
                    sleep(backoff * 2 ** (attempts - 1))
                    continue
                down = down + 1 if exc.unreachable else 0
                results.append(Delivery(notice.department, notice.to, False, attempts,
                                        f"{exc} (gave up after {attempts} attempts)"))
            except DeliveryError as exc:
                down = 0
                results.append(Delivery(notice.department, notice.to, False, attempts, str(exc)))
            else:
                down = 0
                results.append(Delivery(notice.department, notice.to, True, attempts))
            break
    return results


def smtp_endpoint(value: str) -> tuple[str, int]:
    """"mail.example.gov.cn:587" → ("mail.example.gov.cn", 587); "[::1]:25" works too."""
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--smtp must be HOST:PORT, not {value!r}")
    return host.strip("[]"), int(port)


def read_password(env: dict[str, str], password_file: str | None) -> str | None:
    """The SMTP password: --password-file (first line) or $REFORMCTL_SMTP_PASSWORD."""
    if password_file:
        try:
            text = Path(password_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read password file: {exc.strerror}",
                             path=password_file) from exc
        return text.splitlines()[0] if text else ""
    return env.get(PASSWORD_ENV)


PASSWORD_ENV = "REFORMCTL_SMTP_PASSWORD"
