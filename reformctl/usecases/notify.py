"""A notification run (``reformctl notify``): check how mail is to leave, plan who gets what
from the corpus, compose and deliver, and tell the office.

    settings = load_settings(None, corpus.folder)             # notify.yaml, if there is one
    sending = prepare_sending(SendOptions(smtp="smtps://duban@mail.example.gov.cn"),
                              sender="duban@example.gov.cn", fallback=None)
    run = plan_run(corpus, date(2021, 10, 1), settings=settings)
    results = send_notices(run.plan, sending, as_of=date(2021, 10, 1), settings=settings)
    summary = summarize(run, results)                         # the office's summary
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reformctl.errors import UsageError
from reformctl.i18n import _

if TYPE_CHECKING:
    from reformctl.audit.due import DueItem
    from reformctl.audit.ledger import Ledger
    from reformctl.corpus import Corpus
    from reformctl.export.mail import Delivery, MailSettings, NoticePlan, Transport
    from reformctl.export.mail.summary import Summary
    from reformctl.registry import Registry

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
        raise UsageError(_("choose one of {options}").format(options=", ".join(modes)))
    if not modes and not o.dry_run:
        raise UsageError("choose a transport: --smtp HOST:PORT, --sendmail or --print "
                         "(or --dry-run)")
    if o.starttls and o.ssl:
        raise UsageError("--starttls and --ssl exclude each other")
    if (o.starttls or o.ssl or o.user) and not o.smtp:
        raise UsageError("--starttls, --ssl and --smtp-user need --smtp")
    if fallback:
        fallback = mail.check_sender(fallback, "--fallback")
    target = (mail.smtp_target(o.smtp, starttls=o.starttls, ssl_=o.ssl, user=o.user)
              if o.smtp else None)
    if sender is None:
        if (o.smtp or o.sendmail) and not o.dry_run:
            raise UsageError("--from ADDRESS is required to send mail")
        sender = DRY_RUN_SENDER
    sender = mail.check_sender(sender, "--from")
    transport: mail.Transport | None = None
    if not o.dry_run:
        if target:
            password = mail.read_password(dict(env or {}), o.password_file)
            if target.user and password is None:
                raise UsageError(_("--smtp-user needs a password: set ${env} or give "
                                   "--password-file").format(env=mail.PASSWORD_ENV))
            transport = mail.SMTPTransport(target.host, target.port, target.security,
                                           target.user, password)
        elif o.sendmail:
            transport = mail.SendmailTransport(o.sendmail_path)
        else:
            if stream is None:
                raise UsageError("--print needs a stream to write to")
            transport = mail.PrintTransport(stream)
    return Sending(transport, sender, fallback, printing=o.print_ and not o.dry_run)


@dataclass
class NotifyRun:
    """A planned run: the notices, and what the office's summary is made of."""

    corpus: Corpus
    as_of: date
    plan: NoticePlan
    overdue: list[DueItem]  # every overdue milestone of the chosen plans (all departments)
    registry: Registry
    ledger: Ledger
    recipients: Path | None = None  # the recipients file read (None: there was none)


def plan_run(
    corpus: Corpus,
    as_of: date,
    *,
    recipients: str | Path | None = None,
    fallback: str | None = None,
    within: int | None = None,
    plan: str | None = None,
    dept: str | None = None,
    settings: MailSettings | None = None,
) -> NotifyRun:
    """Who gets what: each department's overdue (and, with ``within``, soon-due) milestones,
    with the addresses of ``recipients`` (default: the settings' file, else the corpus's
    recipients.yaml, if any); leaders copied when the settings say ``cc_leaders``."""
    from reformctl.audit.due import due_items, overdue_items
    from reformctl.audit.ledger import load_ledger
    from reformctl.export import mail
    from reformctl.registry import registry_for_folder
    from reformctl.select import dept_matcher, select

    settings = settings or mail.MailSettings()
    registry = registry_for_folder(corpus.folder)
    ledger = load_ledger(corpus.folder)
    default_file = corpus.folder / RECIPIENTS_FILE
    if recipients is None:
        recipients = settings.recipients
    if recipients is None and default_file.is_file():
        recipients = default_file
    # Keys as written: _known_recipients reads them as the corpus's departments (a 包头
    # plan's 市审批服务局 is not 泰安's 市行政审批服务局, whatever the registry says).
    book = (mail.load_address_book(Path(recipients)) if recipients
            else mail.AddressBook())
    if book.departments:
        book = replace(book, departments=_known_recipients(book.departments, corpus, registry,
                                                           Path(recipients or "")))
    hits = select(corpus, plan=plan, registry=registry)
    late = overdue_items(hits, ledger, as_of)
    soon = (due_items(hits, ledger, as_of, within=within, status="open")
            if within is not None else [])
    wanted = dept_matcher(dept, registry, corpus=corpus) if dept else None
    notices = mail.build_notices(late, soon, book.departments, registry=registry,
                                 fallback=fallback or settings.fallback, dept=wanted,
                                 leaders=book.leaders, cc_leaders=settings.cc_leaders)
    return NotifyRun(corpus, as_of, notices, late, registry, ledger,
                     Path(recipients) if recipients else None)


def plan_notices(corpus: Corpus, as_of: date, **kwargs: Any) -> NoticePlan:
    """The notices of ``plan_run`` (same arguments)."""
    return plan_run(corpus, as_of, **kwargs).plan


def send_notices(
    plan: NoticePlan,
    sending: Sending,
    *,
    as_of: date,
    within: int | None = None,
    retries: int = 3,
    backoff: float = 1.0,
    settings: MailSettings | None = None,
    close: bool = True,
) -> list[Delivery]:
    """Compose every notice and deliver it; one result per message (one failure stops
    nothing). Printed messages keep 8-bit text so that they stay readable. ``close=False``
    keeps the connection for the summary (``send_summary`` closes it)."""
    from reformctl.export import mail

    if sending.transport is None:
        raise UsageError("a dry run sends nothing")
    cte = "8bit" if sending.printing else "base64"
    messages = []
    skipped: dict[int, Delivery] = {}  # position → the notice not sent
    for i, n in enumerate(plan.notices):
        try:
            messages.append((n, mail.compose(n, sender=sending.sender, as_of=as_of,
                                             within=within, cte=cte, settings=settings)))
        except mail.BadAddress as exc:  # one bad address skips its message, not the run
            skipped[i] = mail.Delivery(n.department, n.to, ok=False, attempts=0,
                                       error=_("not sent: {error}").format(error=exc.text))
    sent = iter(mail.deliver(messages, sending.transport, retries=retries, backoff=backoff,
                             close=close))
    return [skipped[i] if i in skipped else next(sent) for i in range(len(plan.notices))]


def summarize(run: NotifyRun, deliveries: Sequence[Delivery] | None = None) -> Summary:
    """The office's summary of the run, compared with the last run's state (if any)."""
    from reformctl.export.mail.summary import build_summary, load_state

    years = {e.path.stem: e.document.document.year for e in run.corpus.entries}
    return build_summary(run.overdue, run.plan, as_of=run.as_of, registry=run.registry,
                         ledger=run.ledger, previous=load_state(run.corpus.folder),
                         deliveries=deliveries, years=years)


def send_summary(
    summary: Summary,
    sending: Sending,
    to: Sequence[str],
    *,
    settings: MailSettings | None = None,
    retries: int = 3,
    backoff: float = 1.0,
) -> Delivery:
    """Compose the office's summary and deliver it to ``to``."""
    from reformctl.export import mail

    if sending.transport is None:
        raise UsageError("a dry run sends nothing")
    cte = "8bit" if sending.printing else "base64"
    msg = mail.compose_summary(summary, sender=sending.sender, to=tuple(to), cte=cte,
                               settings=settings)
    label = mail.Notice(department="督查室汇总", to=tuple(to))
    return mail.deliver([(label, msg)], sending.transport, retries=retries, backoff=backoff)[0]


def remember_run(run: NotifyRun, now: datetime | None = None) -> None:
    """Keep this run's overdue milestones beside the ledger, for the next summary."""
    from reformctl.export.mail.summary import save_state, state_of

    save_state(run.corpus.folder,
               state_of(run.overdue, run.as_of, now or datetime.now().astimezone()))


__all__ = [
    "RECIPIENTS_FILE",
    "NotifyRun",
    "SendOptions",
    "Sending",
    "plan_notices",
    "plan_run",
    "prepare_sending",
    "remember_run",
    "send_notices",
    "send_summary",
    "summarize",
]


def _known_recipients(addresses: dict[str, tuple[str, ...]], corpus: Corpus, registry: Any,
                      path: Path) -> dict[str, tuple[str, ...]]:
    """The recipients file's keys as the departments they mean (a part such as 财政局 is
    fine when unique); a key that matches no department is an error naming the closest
    ones, not a list that silently never goes out."""
    from reformctl.errors import InputError, UsageError
    from reformctl.select import resolve_one

    out: dict[str, tuple[str, ...]] = {}
    for key, addrs in addresses.items():
        try:
            name = resolve_one(key, corpus, registry)
        except UsageError as exc:
            raise InputError(exc.text, path=str(path)) from None
        out[name] = tuple(dict.fromkeys((*out.get(name, ()), *addrs)))
    return out
