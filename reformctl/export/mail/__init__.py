"""Per-department overdue mail, split by job:

- ``recipients``: who gets what (the recipients file, one notice per department);
- ``compose``: the message of a notice (subject, plain text, HTML);
- ``transport``: delivery (SMTP, sendmail, print), retries, one report per message;
- ``headers``: what may reach a header (addresses checked, control characters stripped).

The names below are the public surface (``from reformctl.export import mail``).
"""

from __future__ import annotations

from reformctl.export.mail.compose import SUBJECT_TAG, compose, html_body, subject_of, text_body
from reformctl.export.mail.headers import ADDRESS, check_address, header_safe
from reformctl.export.mail.recipients import (
    Notice,
    NoticeLine,
    NoticePlan,
    build_notices,
    load_recipients,
)
from reformctl.export.mail.transport import (
    PASSWORD_ENV,
    ConnectionLost,
    Delivery,
    DeliveryError,
    PrintTransport,
    SendmailTransport,
    SMTPTransport,
    TransientError,
    Transport,
    classify,
    deliver,
    read_password,
    smtp_endpoint,
)

__all__ = [
    "ADDRESS",
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
    "classify",
    "compose",
    "deliver",
    "header_safe",
    "html_body",
    "load_recipients",
    "read_password",
    "smtp_endpoint",
    "subject_of",
    "text_body",
]
