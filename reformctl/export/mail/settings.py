"""What an office says about its mail (``notify.yaml`` in the corpus folder, or options).

    from: duban@example.gov.cn              # the sender address (or --from)
    from_name: 泰安市营商环境办督查室          # the sender's display name (or --from-name)
    subject_prefix: 【督办提醒】               # before every subject (or --subject-prefix)
    signature:                              # under every message
      office: 泰安市优化营商环境工作领导小组办公室
      name: 王敏
      phone: 0538-6991234
    cc_leaders: true                        # copy the plan's 分管市领导 (or --cc-leaders)
    summary_to: duban@example.gov.cn        # the office's summary (or --summary-to), or a list
    fallback: duban@example.gov.cn          # lists of departments without address
    recipients: recipients.yaml             # the address book (relative to this file)
    templates: mail-templates               # a folder of templates overriding the shipped ones

Every key is optional; options on the command line win over the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reformctl.errors import InputError, UsageError
from reformctl.export.mail.headers import check_sender, header_safe
from reformctl.i18n import _

SETTINGS_FILE = "notify.yaml"
DEFAULT_FROM_NAME = "督查室"
DEFAULT_PREFIX = "【逾期提醒】"
KEYS = ("from", "from_name", "subject_prefix", "signature", "cc_leaders", "summary_to",
        "fallback", "recipients", "templates")
SIGNATURE_KEYS = ("office", "name", "phone")


@dataclass(frozen=True)
class Signature:
    office: str = ""
    name: str = ""
    phone: str = ""

    def __bool__(self) -> bool:
        return bool(self.office or self.name or self.phone)


@dataclass(frozen=True)
class MailSettings:
    sender: str | None = None
    from_name: str = DEFAULT_FROM_NAME
    subject_prefix: str = DEFAULT_PREFIX
    signature: Signature = field(default_factory=Signature)
    cc_leaders: bool = False
    summary_to: tuple[str, ...] = ()
    fallback: str | None = None
    recipients: Path | None = None
    templates: Path | None = None
    path: Path | None = None  # the file they came from

    def with_options(self, **options: Any) -> MailSettings:
        """These settings with the options given on the command line (None: not given)."""
        given = {k: v for k, v in options.items() if v is not None}
        if "summary_to" in given:
            given["summary_to"] = tuple(check_sender(a, "--summary-to")
                                        for a in given["summary_to"])
            if not given["summary_to"]:
                del given["summary_to"]
        for key in ("from_name", "subject_prefix"):
            if key in given:
                given[key] = header_safe(given[key])
        if "templates" in given:
            given["templates"] = Path(given["templates"])
        return replace(self, **given)


def load_settings(path: str | Path | None, folder: Path | None = None) -> MailSettings:
    """The settings of ``path``, else of ``notify.yaml`` in ``folder`` if there is one, else
    the defaults. Relative paths in the file are relative to the file's folder."""
    if path is None:
        if folder is None or not (Path(folder) / SETTINGS_FILE).is_file():
            return MailSettings()
        path = Path(folder) / SETTINGS_FILE
    from reformctl.yamlio import load_yaml_file

    p = Path(path)
    data = load_yaml_file(p)
    if data is None:
        return MailSettings(path=p)
    if not isinstance(data, dict):
        raise InputError("notify settings must be a mapping (from, from_name, subject_prefix, "
                         "signature, …)", path=str(p))
    for key in data:
        if key not in KEYS:
            raise InputError(_("unknown setting {key!r} (known: {keys})").format(
                key=key, keys=", ".join(KEYS)), path=str(p))
    try:
        return _settings(data, p)
    except UsageError as exc:
        raise InputError(exc.text, path=str(p)) from None


def _settings(data: dict[str, Any], p: Path) -> MailSettings:
    def text(key: str, value: Any) -> str:
        if not isinstance(value, (str, int)):
            raise UsageError(_("{key} must be text, not {value!r}").format(key=key, value=value))
        return header_safe(str(value))

    out = MailSettings(path=p)
    if "from" in data:
        out = replace(out, sender=check_sender(data["from"], "from"))
    if "from_name" in data:
        out = replace(out, from_name=text("from_name", data["from_name"]))
    if "subject_prefix" in data:
        out = replace(out, subject_prefix=text("subject_prefix", data["subject_prefix"] or ""))
    if "signature" in data:
        sig = data["signature"] or {}
        if not isinstance(sig, dict) or set(sig) - set(SIGNATURE_KEYS):
            raise UsageError(_("signature takes {keys}").format(keys=", ".join(SIGNATURE_KEYS)))
        out = replace(out, signature=Signature(**{k: text(f"signature.{k}", v)
                                                  for k, v in sig.items() if v is not None}))
    if "cc_leaders" in data:
        if not isinstance(data["cc_leaders"], bool):
            raise UsageError("cc_leaders must be true or false")
        out = replace(out, cc_leaders=data["cc_leaders"])
    if data.get("summary_to"):
        values = data["summary_to"]
        values = values if isinstance(values, list) else [values]
        out = replace(out, summary_to=tuple(check_sender(v, "summary_to") for v in values))
    if data.get("fallback"):
        out = replace(out, fallback=check_sender(data["fallback"], "fallback"))
    if data.get("recipients"):
        out = replace(out, recipients=p.parent / str(data["recipients"]))
    if data.get("templates"):
        out = replace(out, templates=p.parent / str(data["templates"]))
    return out


__all__ = ["SETTINGS_FILE", "MailSettings", "Signature", "load_settings"]
