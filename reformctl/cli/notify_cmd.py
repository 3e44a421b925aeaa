"""`reformctl notify`: e-mail each department its own overdue list (for cron)."""

from __future__ import annotations

import os
import sys
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
    from reformctl.render import FORMATS
    from reformctl.usecases.notify import SendOptions, plan_notices, prepare_sending, send_notices

    check_format(fmt, FORMATS)
    options = SendOptions(smtp=smtp, starttls=starttls, ssl=use_ssl, user=smtp_user,
                          password_file=password_file, sendmail=sendmail,
                          sendmail_path=sendmail_path, print_=print_, dry_run=dry_run)
    sending = prepare_sending(options, sender=sender, fallback=fallback, env=os.environ,
                              stream=sys.stdout)
    fallback = sending.fallback
    day = parse_as_of(as_of)
    plan_ = plan_notices(open_corpus(corpus), day, recipients=recipients, fallback=fallback,
                         within=within, plan=plan, dept=dept)

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

    results = send_notices(plan_, sending, as_of=day, within=within, retries=retries,
                           backoff=retry_delay)
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
