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
    MAX_DAYS,
    AsOfOpt,
    CorpusOpt,
    app,
    check_format,
    error,
    finite,
    open_corpus,
    parse_as_of,
)
from reformctl.i18n import N_, _, ngettext


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
        str | None, typer.Option("--smtp", metavar="URL", help="Send through this SMTP server: "
                                 "HOST:PORT, smtp://host:587 (add --starttls or ?starttls=true), "
                                 "smtps://user@host:465. No password here.")
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
        int | None, typer.Option("--within", min=0, max=MAX_DAYS, help="Also what falls due in the next N "
                                 "days.")
    ] = None,
    plan: Annotated[str | None, typer.Option("--plan", "-p", help="Plan index or title.")] = None,
    dept: Annotated[
        str | None, typer.Option("--dept", "-d", help="Only this department (aliases ok).")
    ] = None,
    retries: Annotated[
        int, typer.Option("--retries", min=0, max=100, help="Retries of a transient failure.")
    ] = 3,
    retry_delay: Annotated[
        float, typer.Option("--retry-delay", min=0, max=3600, callback=finite, help="Seconds before the first retry "
                            "(doubling).")
    ] = 1.0,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say what was sent (stdout).")
    ] = False,
    config: Annotated[
        str | None, typer.Option("--config", help="Mail settings (sender name, subject prefix, "
                                 "signature, …) [default: notify.yaml in the corpus].")
    ] = None,
    from_name: Annotated[
        str | None, typer.Option("--from-name", help="Sender's display name.")
    ] = None,
    subject_prefix: Annotated[
        str | None, typer.Option("--subject-prefix", help="Put before every subject "
                                 "[default: 【逾期提醒】].")
    ] = None,
    templates: Annotated[
        str | None, typer.Option("--templates", metavar="DIR", help="Folder of templates "
                                 "overriding the shipped ones (subject.txt.j2, body.txt.j2, "
                                 "body.html.j2, summary*.j2).")
    ] = None,
    cc_leaders: Annotated[
        bool | None, typer.Option("--cc-leaders/--no-cc-leaders", help="Copy each plan's "
                                  "leader in charge (分管市领导; address under leaders: in the "
                                  "recipients file) on mail listing the plan's overdue "
                                  "milestones.", show_default=False)
    ] = None,
    summary_to: Annotated[
        list[str] | None, typer.Option("--summary-to", metavar="ADDRESS", help="Send the "
                                       "office a summary: counts, longest overdue, changes "
                                       "since the last run, data problems (repeatable).")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="--dry-run output: table, json, yaml, csv, md.")
    ] = "table",
    as_of: AsOfOpt = None,
    corpus: CorpusOpt = None,
) -> None:
    """E-mail each department its own overdue list (and, with --within, what is due soon).

    One message per department, to the addresses in the recipients file; measures whose
    lead or responsible departments include it, each overdue milestone with what it required
    and its latest progress. Silent when all is delivered (data problems go into the
    --summary-to mail, not to stderr); exit 1 when a list could not be delivered (failure,
    or no address and no --fallback).

    Example: reformctl notify --smtp smtps://duban@mail.example.gov.cn:465
    --from duban@example.gov.cn --cc-leaders --summary-to duban@example.gov.cn
    """
    from reformctl.export.mail import load_settings
    from reformctl.render import FORMATS
    from reformctl.usecases.notify import (
        SendOptions,
        plan_run,
        prepare_sending,
        remember_run,
        send_notices,
        send_summary,
        summarize,
    )

    check_format(fmt, FORMATS)
    loaded = open_corpus(corpus)
    settings = load_settings(config, loaded.folder).with_options(
        from_name=from_name, subject_prefix=subject_prefix, templates=templates,
        cc_leaders=cc_leaders, summary_to=summary_to or None)
    options = SendOptions(smtp=smtp, starttls=starttls, ssl=use_ssl, user=smtp_user,
                          password_file=password_file, sendmail=sendmail,
                          sendmail_path=sendmail_path, print_=print_, dry_run=dry_run)
    sending = prepare_sending(options, sender=sender or settings.sender,
                              fallback=fallback or settings.fallback, env=os.environ,
                              stream=sys.stdout)
    day = parse_as_of(as_of)
    run = plan_run(loaded, day, recipients=recipients, fallback=sending.fallback,
                   within=within, plan=plan, dept=dept, settings=settings)
    plan_ = run.plan
    if plan_.unaddressed:
        names = "、".join(plan_.unaddressed)
        n = len(plan_.unaddressed)
        error(ngettext("no address and no --fallback for {n} department, its list is not "
                       "sent: {names}", "no address and no --fallback for {n} departments, "
                       "their lists are not sent: {names}", n).format(n=n, names=names))
        if run.recipients is None:
            _hint_recipients(loaded.folder)

    if dry_run:
        _show_plan(plan_, fmt, settings.summary_to)
        raise typer.Exit(EXIT_FINDINGS if plan_.unaddressed else EXIT_OK)

    results = send_notices(plan_, sending, as_of=day, within=within, retries=retries,
                           backoff=retry_delay, settings=settings,
                           close=not settings.summary_to)
    failed = [r for r in results if not r.ok]
    for r in failed:
        error(f"{r.department} <{', '.join(r.to)}>: {r.error}")
    if failed:
        error(ngettext("{n} of {total} message not delivered",
                       "{n} of {total} messages not delivered", len(results)).format(
            n=len(failed), total=len(results)))
    summary_failed = False
    if settings.summary_to:
        delivery = send_summary(summarize(run, results), sending, settings.summary_to,
                                settings=settings, retries=retries, backoff=retry_delay)
        if not delivery.ok:
            summary_failed = True
            error(_("summary <{to}>: {error}").format(to=", ".join(delivery.to),
                                                     error=delivery.error))
    if not print_ and plan is None and dept is None:
        remember_run(run)  # the next summary compares with this run
    if verbose and not print_:
        for r in results:
            if r.ok:
                sys.stdout.write(_("sent {department} <{to}>").format(
                    department=r.department, to=", ".join(r.to)) + "\n")
        sys.stdout.write(ngettext("{n} of {total} message sent", "{n} of {total} messages sent",
                                  len(results)).format(n=len(results) - len(failed),
                                                       total=len(results)) + "\n")
    raise typer.Exit(EXIT_FINDINGS if failed or plan_.unaddressed or summary_failed
                     else EXIT_OK)


def _show_plan(plan: object, fmt: str, summary_to: tuple[str, ...] = ()) -> None:
    from reformctl.export.mail import NoticePlan
    from reformctl.labels import count
    from reformctl.render import Column, emit

    assert isinstance(plan, NoticePlan)
    records = [
        {
            "department": n.department,
            "to": list(n.to),
            "cc": [a for _, a in n.cc],
            "fallback": n.fallback,
            "overdue": [line.id for line in n.overdue],
            "upcoming": [line.id for line in n.upcoming],
        }
        for n in plan.notices
    ]
    if summary_to:
        unowned = [line.id for line in plan.unowned]
        records.append({"department": "(summary)", "to": list(summary_to), "cc": [],
                        "fallback": False, "overdue": unowned, "upcoming": []})
    columns = (Column("department", N_("Department"), show=_department),
               Column("to", N_("To"), max_width=40), Column("cc", N_("Cc"), max_width=30),
               Column("overdue", N_("Overdue"), max_width=50),
               Column("upcoming", N_("Due soon")))
    emit(records, columns, fmt, caption=count("{n} message would be sent",
                                              "{n} messages would be sent", len(records)))


def _department(record: dict[str, object]) -> str:
    """The department; the office's summary mail, and a list sent to the fallback address
    (the department has none of its own), said so."""
    if record["department"] == "(summary)":
        return _("(summary)")
    if record.get("fallback"):
        return _("{department} (to the fallback)").format(department=record["department"])
    return str(record["department"])


def _hint_recipients(folder: Path) -> None:
    """No recipients file at all: say how to start one (the shipped example)."""
    from reformctl.usecases.notify import RECIPIENTS_FILE

    example = folder / "recipients.example.yaml"
    if example.is_file():
        error(_("no recipients file {file}: copy {example} to it and put in the real "
                "addresses (or give -r FILE)").format(file=folder / RECIPIENTS_FILE,
                                                      example=example))
    else:
        error(_("no recipients file {file}: write one like corpus/recipients.example.yaml in "
                "reformctl's sources (department: address), or give -r FILE").format(
                    file=folder / RECIPIENTS_FILE))
