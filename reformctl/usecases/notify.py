"""A notification run (``reformctl notify``): check how mail is to leave, plan who gets what
from the corpus, compose and deliver.

    sending = prepare_sending(SendOptions(smtp="mail.example.gov.cn:587", starttls=True),
                              sender="duban@example.gov.cn", fallback=None)
    plan = plan_notices(load_corpus(None), date(2021, 10, 1))
    results = send_notices(plan, sending, as_of=date(2021, 10, 1))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reformctl.errors import UsageError

if TYPE_CHECKING:
    from reformctl.corpus import Corpus
    from reformctl.export.mail import Delivery, NoticePlan, Transport

RECIPIENTS_FILE = "recipients.yaml"  # in the corpus folder, the default recipients file
DRY_RUN_SENDER = "reformctl@localhost"


@dataclass(frozen=True)
class SendOptions:
    """How the messages are to leave: one of ``smtp`` (HOST:PORT), ``sendmail``, ``print_``,
    or ``dry_run`` (nothing leaves)."""

    smtp: str | None = None
    starttls: bool = False
    ssl: bool = False
    user: str | None = None
    password_file: str | None = None
    sendmail: bool = False
    sendmail_path: str = "/usr/sbin/sendmail"
    print_: bool = False
    dry_run: bool = False


@dataclass
class Sending:
    """Checked sending settings: the transport (None for a dry run) and the addresses."""

    transport: Transport | None
    sender: str
    fallback: str | None
    printing: bool = False


def prepare_sending(
    options: SendOptions,
    *,
    sender: str | None,
    fallback: str | None,
    env: Mapping[str, str] | None = None,
    stream: IO[str] | None = None,
) -> Sending:
    """Check the options (UsageError naming what is wrong) and build the transport.

    The SMTP password comes from ``env`` ($REFORMCTL_SMTP_PASSWORD) or ``--password-file``;
    ``--print`` writes to ``stream``.
    """
    from reformctl.export import mail

    o = options
    modes = [name for name, on in (("--smtp", o.smtp), ("--sendmail", o.sendmail),
                                   ("--print", o.print_)) if on]
    if len(modes) > 1:
        raise UsageError(f"choose one of {', '.join(modes)}")
    if not modes and not o.dry_run:
        raise UsageError("choose a transport: --smtp HOST:PORT, --sendmail or --print "
                         "(or --dry-run)")
    if o.starttls and o.ssl:
        raise UsageError("--starttls and --ssl exclude each other")
    if (o.starttls or o.ssl or o.user) and not o.smtp:
        raise UsageError("--starttls, --ssl and --smtp-user need --smtp")
    if fallback:
        fallback = mail.check_address(fallback, "--fallback")
    endpoint = mail.smtp_endpoint(o.smtp) if o.smtp else None
    if sender is None:
        if (o.smtp or o.sendmail) and not o.dry_run:
            raise UsageError("--from ADDRESS is required to send mail")
        sender = DRY_RUN_SENDER
    sender = mail.check_address(sender, "--from")
    transport: mail.Transport | None = None
    if not o.dry_run:
        if endpoint:
            host, port = endpoint
            password = mail.read_password(dict(env or {}), o.password_file)
            if o.user and password is None:
                raise UsageError(f"--smtp-user needs a password: set ${mail.PASSWORD_ENV} or "
                                 "give --password-file")
            security = "starttls" if o.starttls else "ssl" if o.ssl else "none"
            transport = mail.SMTPTransport(host, port, security, o.user, password)
        elif o.sendmail:
            transport = mail.SendmailTransport(o.sendmail_path)
        else:
            if stream is None:
                raise UsageError("--print needs a stream to write to")
            transport = mail.PrintTransport(stream)
    return Sending(transport, sender, fallback, printing=o.print_ and not o.dry_run)


def plan_notices(
    corpus: Corpus,
    as_of: date,
    *,
    recipients: str | Path | None = None,
    fallback: str | None = None,
    within: int | None = None,
    plan: str | None = None,
    dept: str | None = None,
) -> NoticePlan:
    """Who gets what: each department's overdue (and, with ``within``, soon-due) measures,
    with the addresses of ``recipients`` (default: the corpus's recipients.yaml, if any)."""
    from reformctl.audit.due import due_items, overdue_items
    from reformctl.audit.ledger import load_ledger
    from reformctl.export import mail
    from reformctl.registry import registry_for_folder
    from reformctl.select import dept_matcher, select

    registry = registry_for_folder(corpus.folder)
    ledger = load_ledger(corpus.folder)
    default_file = corpus.folder / RECIPIENTS_FILE
    if recipients is None and default_file.is_file():
        recipients = default_file
    addresses = mail.load_recipients(Path(recipients), registry) if recipients else {}
    hits = select(corpus, plan=plan, registry=registry)
    late = overdue_items(hits, ledger, as_of)
    soon = (due_items(hits, ledger, as_of, within=within, status="open")
            if within is not None else [])
    wanted = dept_matcher(dept, registry) if dept else None
    return mail.build_notices(late, soon, addresses, registry=registry, fallback=fallback,
                              dept=wanted)


def send_notices(
    plan: NoticePlan,
    sending: Sending,
    *,
    as_of: date,
    within: int | None = None,
    retries: int = 3,
    backoff: float = 1.0,
) -> list[Delivery]:
    """Compose every notice and deliver it; one result per message (one failure stops
    nothing). Printed messages keep 8-bit text so that they stay readable."""
    from reformctl.export import mail

    if sending.transport is None:
        raise UsageError("a dry run sends nothing")
    cte = "8bit" if sending.printing else "base64"
    messages = [(n, mail.compose(n, sender=sending.sender, as_of=as_of, within=within, cte=cte))
                for n in plan.notices]
    return mail.deliver(messages, sending.transport, retries=retries, backoff=backoff)


__all__ = [
    "RECIPIENTS_FILE",
    "SendOptions",
    "Sending",
    "plan_notices",
    "prepare_sending",
    "send_notices",
]
