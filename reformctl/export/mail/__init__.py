"""Per-department overdue mail, split by job:

- ``recipients``: who gets what (the recipients file, one notice per department);
- ``compose``: the message of a notice (subject, plain text, HTML), from the Jinja2 templates
  of ``templating`` and the office's ``settings`` (notify.yaml);
- ``summary``: the office's summary of a run, and the state of the last run;
- ``transport``: delivery (SMTP, sendmail, print), retries, one report per message;
- ``headers``: what may reach a header (addresses checked, control characters stripped).

The names below are the public surface (``from reformctl.export import mail``).
"""

from __future__ import annotations

from reformctl.export.mail.compose import (
    SUBJECT_TAG,
    compose,
    compose_summary,
    html_body,
    subject_of,
    text_body,
)
from reformctl.export.mail.headers import (
    ADDRESS,
    BadAddress,
    check_address,
    check_sender,
    header_safe,
    mailbox,
    plain_text,
)
from reformctl.export.mail.recipients import (
    AddressBook,
    MilestoneLine,
    Notice,
    NoticeLine,
    NoticePlan,
    build_notices,
    load_address_book,
    load_recipients,
)
from reformctl.export.mail.settings import MailSettings, Signature, load_settings
from reformctl.export.mail.transport import (
    PASSWORD_ENV,
    ConnectionLost,
    Delivery,
    DeliveryError,
    PrintTransport,
    SendmailTransport,
    SmtpTarget,
    SMTPTransport,
    TransientError,
    Transport,
    classify,
    deliver,
    read_password,
    smtp_endpoint,
    smtp_target,
)

__all__ = [
    "ADDRESS",
    "AddressBook",
    "BadAddress",
    "MailSettings",
    "MilestoneLine",
    "Signature",
    "SmtpTarget",
    "compose_summary",
    "load_address_book",
    "load_settings",
    "smtp_target",
    "PASSWORD_ENV",
    "SUBJECT_TAG",
    "ConnectionLost",
    "Delivery",
    "DeliveryError",
    "Notice",
    "NoticeLine",
    "NoticePlan",
    "PrintTransport",
    "SMTPTransport",
    "SendmailTransport",
    "TransientError",
    "Transport",
    "build_notices",
    "check_address",
    "check_sender",
    "classify",
    "compose",
    "deliver",
    "header_safe",
    "html_body",
    "load_recipients",
    "mailbox",
    "plain_text",
    "read_password",
    "smtp_endpoint",
    "subject_of",
    "text_body",
]
