"""Delivery: SMTP, sendmail or print, with retries, reported per message.

``deliver`` sends each message through a transport, retrying transient failures, and
reports per message so that one failure stops nothing. Over SMTP all messages share one
connection (one TLS handshake, one login), opened again only when the server ends it or a
retry needs it.
"""

from __future__ import annotations

import smtplib
import ssl
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import IO, Any, Protocol

from reformctl.errors import InputError, UsageError
from reformctl.export.mail.recipients import Notice
from reformctl.i18n import _


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
        return kind(_("recipients refused: {reply}").format(reply=text))
    if isinstance(exc, smtplib.SMTPResponseException):
        message = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        if 400 <= exc.smtp_code < 500:
            connect = isinstance(exc, smtplib.SMTPConnectError) or exc.smtp_code == 421
            return TransientError(message, unreachable=connect)
        return DeliveryError(message)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return TransientError(_("server disconnected: {error}").format(error=exc),
                              unreachable=True)
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
    """To and Cc, each address once (Bcc is never written by compose)."""
    out: list[str] = []
    for header in ("To", "Cc"):
        if msg[header] is not None:
            out += [a.addr_spec for a in msg[header].addresses if a.addr_spec not in out]
    return out


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
            raise DeliveryError(_("login refused: {reply}").format(
                reply=f"{exc.smtp_code} {_text(exc.smtp_error)}")) from exc
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
            raise DeliveryError(_("some recipients refused: {reply}").format(reply=text))


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
        raise ConnectionLost(_("server disconnected: {error}").format(error=exc)) from exc
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
            raise DeliveryError(_("sendmail not found: {command}").format(
                command=self.command)) from exc
        except subprocess.TimeoutExpired as exc:
            raise TransientError(_("sendmail timed out after {seconds} s").format(
                seconds=f"{self.timeout:g}")) from exc
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = f": {err[-1]}" if err else ""
            kind = TransientError if done.returncode == 75 else DeliveryError
            raise kind(_("sendmail exited {code}{detail}").format(code=done.returncode,
                                                                  detail=detail))

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
    close: bool = True,
) -> list[Delivery]:
    """Send every message; transient failures are retried ``retries`` times (backoff ×2 each).

    A message that fails stops nothing, except that after ``unreachable_limit`` messages in a
    row gave up because the server could not be reached, the rest are reported unsent without
    trying (each attempt could otherwise wait for a connect timeout). The transport is
    closed at the end (for SMTP: the one connection the messages shared), unless ``close`` is
    false (more is to follow on it: the office's summary).
    """
    try:
        return _deliver_each(messages, transport, retries, backoff, sleep, unreachable_limit)
    except BaseException:
        transport.close()
        raise
    finally:
        if close:
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
                                    _("not attempted: the server was unreachable for the "
                                      "previous {n} messages").format(n=down)))
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
                                        _("{error} (gave up after {n} attempts)").format(
                                            error=exc, n=attempts)))
            except DeliveryError as exc:
                down = 0
                results.append(Delivery(notice.department, notice.to, False, attempts, str(exc)))
            else:
                down = 0
                results.append(Delivery(notice.department, notice.to, True, attempts))
            break
    return results


@dataclass(frozen=True)
class SmtpTarget:
    """Where and how to connect: host, port, security (none, starttls, ssl) and login."""

    host: str
    port: int
    security: str = "none"
    user: str | None = None


# --smtp URL schemes → (security, default port).
SMTP_SCHEMES = {"smtp": ("none", 25), "smtp+starttls": ("starttls", 587), "smtps": ("ssl", 465)}


def smtp_target(value: str, *, starttls: bool = False, ssl_: bool = False,
                user: str | None = None) -> SmtpTarget:
    """--smtp as HOST:PORT or as a URL, with the --starttls/--ssl/--smtp-user options.

    ``smtp://mail.example.gov.cn:587`` (plain; with --starttls or ``?starttls=true``
    upgraded), ``smtp+starttls://duban@mail.example.gov.cn`` (port 587),
    ``smtps://duban@mail.example.gov.cn:465`` (implicit TLS). The user may be in the URL; a
    password never: it comes from $REFORMCTL_SMTP_PASSWORD or --password-file.
    """
    from urllib.parse import parse_qs, urlsplit

    if starttls and ssl_:
        raise UsageError("--starttls and --ssl exclude each other")
    if "://" not in value:
        host, port = smtp_endpoint(value)
        return SmtpTarget(host, port, "starttls" if starttls else "ssl" if ssl_ else "none",
                          user)
    url = urlsplit(value)
    if url.scheme not in SMTP_SCHEMES:
        raise UsageError(_("--smtp: unknown scheme {scheme!r} (smtp://, smtp+starttls://, "
                           "smtps://)").format(scheme=url.scheme))
    if url.password is not None:
        raise UsageError(_("--smtp: no password in the URL (it would show in the process list "
                           "and the shell history): use ${env} or --password-file").format(
                               env=PASSWORD_ENV))
    if url.path not in ("", "/") or url.fragment:
        raise UsageError(_("--smtp: a URL is scheme://[user@]host[:port], not {value!r}").format(
            value=value))
    security, default_port = SMTP_SCHEMES[url.scheme]
    query = {k: v[-1].lower() for k, v in parse_qs(url.query).items()}
    unknown = set(query) - {"starttls"}
    if unknown:
        raise UsageError(_("--smtp: unknown URL option {option!r} (starttls)").format(
            option=sorted(unknown)[0]))
    if query.get("starttls") in ("1", "true", "yes") or starttls:
        if security == "ssl":
            raise UsageError("--smtp: smtps:// is TLS from the start; STARTTLS does not apply")
        security = "starttls"
    if ssl_:
        if security == "starttls":
            raise UsageError("--smtp: --ssl and STARTTLS exclude each other")
        security = "ssl"
    try:
        port = url.port or default_port
    except ValueError:
        raise UsageError(_("--smtp: bad port in {value!r}").format(value=value)) from None
    if not url.hostname:
        raise UsageError(_("--smtp: no host in {value!r}").format(value=value))
    from urllib.parse import unquote

    url_user = unquote(url.username) if url.username else None
    if url_user and user and url_user != user:
        raise UsageError(_("--smtp-user {user!r} and the URL's user {url_user!r} disagree")
                         .format(user=user, url_user=url_user))
    return SmtpTarget(url.hostname, port, security, user or url_user)


def smtp_endpoint(value: str) -> tuple[str, int]:
    """"mail.example.gov.cn:587" → ("mail.example.gov.cn", 587); "[::1]:25" works too."""
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(_("--smtp must be HOST:PORT or smtp[s]://[user@]host[:port], not "
                           "{value!r}").format(value=value))
    return host.strip("[]"), int(port)


def read_password(env: dict[str, str], password_file: str | None) -> str | None:
    """The SMTP password: --password-file (first line) or $REFORMCTL_SMTP_PASSWORD."""
    if password_file:
        from reformctl.fileio import read_text_file

        # A regular file only (a FIFO or /dev/zero would hang), small, UTF-8: else one line.
        try:
            text = read_text_file(password_file, limit=64 * 1024)
        except InputError as exc:
            raise InputError(_("cannot read password file: {error}").format(error=exc.text),
                             path=password_file) from None
        return text.splitlines()[0] if text else ""
    return env.get(PASSWORD_ENV)


PASSWORD_ENV = "REFORMCTL_SMTP_PASSWORD"


__all__ = [
    "PASSWORD_ENV",
    "ConnectionLost",
    "Delivery",
    "DeliveryError",
    "PrintTransport",
    "SMTPTransport",
    "SendmailTransport",
    "TransientError",
    "Transport",
    "classify",
    "deliver",
    "read_password",
    "SmtpTarget",
    "smtp_endpoint",
    "smtp_target",
]
