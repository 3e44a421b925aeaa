"""`reformctl notify`: e-mail each department its own overdue list (for cron)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from reformctl.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    AsOfOpt,
    CorpusOpt,
    app,
    check_format,
    error,
    open_corpus,
    parse_as_of,
    warn,
)

RECIPIENTS_FILE = "recipients.yaml"


@app.command()
def notify(
    recipients: Annotated[
        str | None, typer.Option("--recipients", "-r", help="YAML: department (or alias) → "
                                 "address or list [default: recipients.yaml in the corpus].")
    ] = None,
    fallback: Annotated[
        str | None, typer.Option("--fallback", help="Gets the lists of departments without an "
                                 "address (one message each).")
    ] = None,
    sender: Annotated[
        str | None, typer.Option("--from", help="Sender address (required to send).")
    ] = None,
    smtp: Annotated[
        str | None, typer.Option("--smtp", metavar="HOST:PORT", help="Send through this SMTP "
                                 "server.")
    ] = None,
    starttls: Annotated[bool, typer.Option("--starttls", help="SMTP: upgrade with STARTTLS.")] = False,
    use_ssl: Annotated[bool, typer.Option("--ssl", help="SMTP: implicit TLS (port 465).")] = False,
    smtp_user: Annotated[
        str | None, typer.Option("--smtp-user", help="SMTP login; the password comes from "
                                 "$REFORMCTL_SMTP_PASSWORD or --password-file.")
    ] = None,
    password_file: Annotated[
        str | None, typer.Option("--password-file", help="File whose first line is the SMTP "
                                 "password.")
    ] = None,
    sendmail: Annotated[
        bool, typer.Option("--sendmail", help="Pipe each message to sendmail.")
    ] = False,
    sendmail_path: Annotated[
        str, typer.Option("--sendmail-path", help="The sendmail program.")
    ] = "/usr/sbin/sendmail",
    print_: Annotated[
        bool, typer.Option("--print", help="Write the messages to stdout (mbox) instead.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show who would get what; send nothing.")
    ] = False,
    within: Annotated[
        int | None, typer.Option("--within", min=0, help="Also what falls due in the next N "
                                 "days.")
    ] = None,
    plan: Annotated[str | None, typer.Option("--plan", "-p", help="Plan index or title.")] = None,
    dept: Annotated[
        str | None, typer.Option("--dept", "-d", help="Only this department (aliases ok).")
    ] = None,
    retries: Annotated[
        int, typer.Option("--retries", min=0, help="Retries of a transient failure.")
    ] = 3,
    retry_delay: Annotated[
        float, typer.Option("--retry-delay", min=0, help="Seconds before the first retry "
                            "(doubling).")
    ] = 1.0,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say what was sent (stdout).")
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="--dry-run output: table, json, yaml, csv, md.")
    ] = "table",
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """E-mail each department its own overdue list (and, with --within, what is due soon).

    One message per department, to the addresses in the recipients file; measures whose
    lead or responsible departments include it. Silent when all is delivered; exit 1 when
    a list could not be delivered (failure, or no address and no --fallback).

    Example: reformctl notify --smtp mail.example.gov.cn:587 --starttls --smtp-user dcs
    --from dcs@example.gov.cn --fallback dcs@example.gov.cn
    """
    from reformctl.audit.due import due_items, overdue_items
    from reformctl.audit.ledger import load_ledger
    from reformctl.errors import UsageError
    from reformctl.export import mail
    from reformctl.export.ledger_rows import load_registry_for
    from reformctl.render import FORMATS
    from reformctl.select import dept_matcher, select

    check_format(fmt, FORMATS)
    modes = [name for name, on in (("--smtp", smtp), ("--sendmail", sendmail),
                                   ("--print", print_)) if on]
    if len(modes) > 1:
        raise UsageError(f"choose one of {', '.join(modes)}")
    if not modes and not dry_run:
        raise UsageError("choose a transport: --smtp HOST:PORT, --sendmail or --print "
                         "(or --dry-run)")
    if starttls and use_ssl:
        raise UsageError("--starttls and --ssl exclude each other")
    if (starttls or use_ssl or smtp_user) and not smtp:
        raise UsageError("--starttls, --ssl and --smtp-user need --smtp")
    if fallback:
        fallback = mail.check_address(fallback, "--fallback")
    endpoint = mail.smtp_endpoint(smtp) if smtp else None
    if sender is None:
        if (smtp or sendmail) and not dry_run:
            raise UsageError("--from ADDRESS is required to send mail")
        sender = "reformctl@localhost"
    sender = mail.check_address(sender, "--from")
    transport: mail.Transport | None = None
    if not dry_run:
        if endpoint:
            host, port = endpoint
            password = mail.read_password(dict(os.environ), password_file)
            if smtp_user and password is None:
                raise UsageError(f"--smtp-user needs a password: set ${mail.PASSWORD_ENV} or "
                                 "give --password-file")
            security = "starttls" if starttls else "ssl" if use_ssl else "none"
            transport = mail.SMTPTransport(host, port, security, smtp_user, password)
        elif sendmail:
            transport = mail.SendmailTransport(sendmail_path)
        else:
            transport = mail.PrintTransport(sys.stdout)

    day = parse_as_of(as_of)
    loaded = open_corpus(corpus)
    registry = load_registry_for(loaded.folder)
    ledger = load_ledger(loaded.folder)
    default_file = loaded.folder / RECIPIENTS_FILE
    if recipients is None and default_file.is_file():
        recipients = str(default_file)
    addresses = mail.load_recipients(Path(recipients), registry) if recipients else {}
    hits = select(loaded, plan=plan, registry=registry)
    late = overdue_items(hits, ledger, day)
    soon = due_items(hits, ledger, day, within=within, status="open") if within is not None else []
    wanted = dept_matcher(dept, registry) if dept else None
    plan_ = mail.build_notices(late, soon, addresses, registry=registry, fallback=fallback,
                               dept=wanted)

    for line in plan_.unowned:
        warn(f"{line.id} {line.title} is overdue ({line.deadline_text}) but names no department")
    if plan_.fallback_departments:
        names = "、".join(plan_.fallback_departments)
        warn(f"no address for {len(plan_.fallback_departments)} departments, their lists go "
             f"to {fallback}: {names}")
    if plan_.unaddressed:
        names = "、".join(plan_.unaddressed)
        error(f"no address and no --fallback for {len(plan_.unaddressed)} departments, their "
              f"lists are not sent: {names}")

    if dry_run:
        _show_plan(plan_, fmt)
        raise typer.Exit(EXIT_FINDINGS if plan_.unaddressed else EXIT_OK)

    assert transport is not None
    cte = "8bit" if print_ else "base64"
    messages = [(n, mail.compose(n, sender=sender, as_of=day, within=within, cte=cte))
                for n in plan_.notices]
    results = mail.deliver(messages, transport, retries=retries, backoff=retry_delay)
    failed = [r for r in results if not r.ok]
    for r in failed:
        error(f"{r.department} <{', '.join(r.to)}>: {r.error}")
    if failed:
        error(f"{len(failed)} of {len(results)} messages not delivered")
    if verbose and not print_:
        for r in results:
            if r.ok:
                sys.stdout.write(f"sent {r.department} <{', '.join(r.to)}>\n")
        sys.stdout.write(f"{len(results) - len(failed)} of {len(results)} messages sent\n")
    raise typer.Exit(EXIT_FINDINGS if failed or plan_.unaddressed else EXIT_OK)


def _show_plan(plan: object, fmt: str) -> None:
    from reformctl.export.mail import NoticePlan
    from reformctl.render import Column, emit

    assert isinstance(plan, NoticePlan)
    records = [
        {
            "department": n.department,
            "to": list(n.to),
            "fallback": n.fallback,
            "overdue": [line.id for line in n.overdue],
            "upcoming": [line.id for line in n.upcoming],
        }
        for n in plan.notices
    ]
    columns = (Column("department", "Department"), Column("to", "To", max_width=40),
               Column("overdue", "Overdue", max_width=50), Column("upcoming", "Due soon"))
    emit(records, columns, fmt, caption=f"{len(records)} messages would be sent")
