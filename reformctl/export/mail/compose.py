"""The message of a notice: Chinese subject, a plain-text body and an HTML alternative.

Subject and bodies come from the Jinja2 templates of ``templating`` (the shipped Chinese ones,
or the office's own: ``MailSettings.templates``); sender name, subject prefix and signature
from ``MailSettings`` (notify.yaml). ``compose`` makes an RFC 5322 message (subject and names
RFC 2047-encoded by ``policy.SMTP``); every header is made in ``_message``, from
``headers.mailbox`` addresses and ``headers.plain_text`` values. A message whose address the
mail library refuses raises ``BadAddress`` (``send_notices`` skips it, the rest go out).
``compose_summary`` is the office's own summary of a run (see ``summary``).
"""

from __future__ import annotations

from datetime import date, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import TYPE_CHECKING, Any

from reformctl.export.mail.headers import check_address, mailbox, plain_text
from reformctl.export.mail.recipients import Notice
from reformctl.export.mail.settings import DEFAULT_PREFIX, MailSettings
from reformctl.export.mail.templating import (
    HTML,
    SUBJECT,
    SUMMARY_SUBJECT,
    SUMMARY_TEXT,
    TEXT,
    render,
)

if TYPE_CHECKING:
    from reformctl.export.mail.summary import Summary

SUBJECT_TAG = DEFAULT_PREFIX  # the default subject prefix, 【逾期提醒】


def context(notice: Notice, as_of: date, within: int | None = None,
            settings: MailSettings | None = None) -> dict[str, Any]:
    """What the templates of a department's mail see."""
    s = settings or MailSettings()
    return {
        "department": notice.department,
        "to": list(notice.to),
        "cc": [a for _, a in notice.cc],
        "fallback": notice.fallback,
        "as_of": as_of,
        "within": within,
        "overdue": list(notice.overdue),
        "upcoming": list(notice.upcoming),
        "leaders": list(notice.leaders),
        "signature": s.signature,
        "office": s.from_name,
        "prefix": s.subject_prefix,
    }


def subject_of(notice: Notice, as_of: date, settings: MailSettings | None = None) -> str:
    s = settings or MailSettings()
    return plain_text(render(SUBJECT, context(notice, as_of, None, s), s.templates))


def text_body(notice: Notice, as_of: date, within: int | None = None,
              settings: MailSettings | None = None) -> str:
    s = settings or MailSettings()
    return render(TEXT, context(notice, as_of, within, s), s.templates)


def html_body(notice: Notice, as_of: date, within: int | None = None,
              settings: MailSettings | None = None) -> str:
    s = settings or MailSettings()
    return render(HTML, context(notice, as_of, within, s), s.templates)


Mailboxes = list[tuple[str, str]]  # (name, address) pairs: "市财政局", "czj@example.gov.cn"


def _message(sender: str, settings: MailSettings, to: Mailboxes, subject: str, as_of: date,
             now: datetime | None, cc: Mailboxes | None = None,
             extra: dict[str, str] | None = None) -> EmailMessage:
    """The headers of every message, the one place they are made: addresses as
    ``Address`` objects (``mailbox``: BadAddress when the mail library refuses one), every
    other value as plain text (``plain_text``: encoded words decoded, controls stripped)."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = mailbox(settings.from_name, sender)
    msg["To"] = [mailbox(name, addr) for name, addr in to]
    if cc:
        msg["Cc"] = [mailbox(name, addr) for name, addr in cc]
    msg["Subject"] = plain_text(subject)
    msg["Date"] = format_datetime(now or datetime.now().astimezone())
    msg["Message-ID"] = make_msgid("reformctl", domain=sender.rpartition("@")[2])
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a cron job
    msg["X-Reformctl-As-Of"] = as_of.isoformat()
    for name, value in (extra or {}).items():
        msg[name] = plain_text(value)
    return msg


def compose(
    notice: Notice,
    *,
    sender: str,
    as_of: date,
    within: int | None = None,
    now: datetime | None = None,
    cte: str = "base64",
    settings: MailSettings | None = None,
) -> EmailMessage:
    """The message for one notice. ``cte="8bit"`` keeps the text readable for ``--print``."""
    s = settings or MailSettings()
    sender = check_address(sender, "--from")
    to = [(notice.department, check_address(a)) for a in notice.to]
    cc = [(leader, check_address(a)) for leader, a in notice.cc]
    msg = _message(sender, s, to, subject_of(notice, as_of, s), as_of, now, cc,
                   {"X-Reformctl-Department": notice.department})
    msg.set_content(text_body(notice, as_of, within, s), charset="utf-8", cte=cte)
    msg.add_alternative(html_body(notice, as_of, within, s), subtype="html", charset="utf-8",
                        cte=cte)
    return msg


def compose_summary(
    summary: Summary,
    *,
    sender: str,
    to: tuple[str, ...],
    now: datetime | None = None,
    cte: str = "base64",
    settings: MailSettings | None = None,
) -> EmailMessage:
    """The office's summary of a run, plain text."""
    s = settings or MailSettings()
    sender = check_address(sender, "--from")
    data = {**summary.context(), "signature": s.signature, "office": s.from_name,
            "prefix": s.subject_prefix}
    subject = plain_text(render(SUMMARY_SUBJECT, data, s.templates))
    msg = _message(sender, s, [("", check_address(a, "--summary-to")) for a in to],
                   subject, summary.as_of, now, extra={"X-Reformctl-Summary": "yes"})
    msg.set_content(render(SUMMARY_TEXT, data, s.templates), charset="utf-8", cte=cte)
    return msg


__all__ = ["SUBJECT_TAG", "compose", "compose_summary", "context", "html_body", "subject_of",
           "text_body"]
