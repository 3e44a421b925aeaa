"""The message of a notice: Chinese subject, a plain-text body and an HTML alternative.

``compose`` makes an RFC 5322 message (subject and names RFC 2047-encoded by
``policy.SMTP``); every header value goes through ``header_safe``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from reformctl.export.mail.headers import check_address, header_safe
from reformctl.export.mail.recipients import Notice, NoticeLine

SUBJECT_TAG = "【逾期提醒】"


def subject_of(notice: Notice, as_of: date) -> str:
    parts = []
    if notice.overdue:
        parts.append(f"{len(notice.overdue)}项措施已逾期")
    if notice.upcoming:
        parts.append(f"{len(notice.upcoming)}项即将到期")
    tag = "【未配置收件人】" if notice.fallback else ""
    return header_safe(
        f"{SUBJECT_TAG}{tag}{notice.department}:{'，'.join(parts)}(截至{as_of.isoformat()})"
    )


def text_body(notice: Notice, as_of: date, within: int | None = None) -> str:
    out = [f"{notice.department}:", ""]
    if notice.fallback:
        out += [f"(本单位在收件人名单中没有邮箱地址,此邮件发给了备用地址 {notice.to[0]}。)", ""]
    if notice.overdue:
        out.append(f"截至 {as_of.isoformat()},贵单位牵头或负责的以下 {len(notice.overdue)} "
                   "项措施已超过完成时限:")
        out.append("")
        out += _text_rows(notice.overdue, late=True)
    if notice.upcoming:
        span = f" {within} 天内" if within is not None else "近期"
        out.append(f"以下 {len(notice.upcoming)} 项措施将在{span}到期:")
        out.append("")
        out += _text_rows(notice.upcoming, late=False)
    out.append("如已完成,请告知督查部门更新台账状态。")
    out.append("-- ")
    out.append("reformctl 自动生成")
    return "\n".join(out) + "\n"


def _text_rows(lines: Sequence[NoticeLine], *, late: bool) -> list[str]:
    out = []
    for n in lines:
        when = f"逾期 {n.days_late} 天" if late else f"还有 {n.days} 天"
        out.append(f"  {n.id}  {n.title}")
        out.append(f"      时限: {n.deadline_text},{when}")
        out.append(f"      {n.role or '-'} · 计划 {n.plan} · {n.document_title} · 状态 {n.status}")
        out.append("")
    return out


def html_body(notice: Notice, as_of: date, within: int | None = None) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        f"<title>{e(notice.department)}</title></head>",
        "<body style=\"font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',"
        "'WenQuanYi Micro Hei',sans-serif\">",
        f"<p>{e(notice.department)}:</p>",
    ]
    if notice.fallback:
        parts.append(f"<p><em>本单位在收件人名单中没有邮箱地址,此邮件发给了备用地址 "
                     f"{e(notice.to[0])}。</em></p>")
    if notice.overdue:
        parts.append(f"<p>截至 <strong>{as_of.isoformat()}</strong>,贵单位牵头或负责的以下 "
                     f"{len(notice.overdue)} 项措施已超过完成时限:</p>")
        parts.append(_html_table(notice.overdue, late=True))
    if notice.upcoming:
        span = f" {within} 天内" if within is not None else "近期"
        parts.append(f"<p>以下 {len(notice.upcoming)} 项措施将在{span}到期:</p>")
        parts.append(_html_table(notice.upcoming, late=False))
    parts.append("<p>如已完成,请告知督查部门更新台账状态。</p>")
    parts.append("<p style=\"color:#888\">reformctl 自动生成</p></body></html>")
    return "\n".join(parts) + "\n"


def _html_table(lines: Sequence[NoticeLine], *, late: bool) -> str:
    e = html.escape
    head = "逾期天数" if late else "剩余天数"
    rows = [
        "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" "
        "style=\"border-collapse:collapse\">",
        f"<thead><tr><th>编号</th><th>措施</th><th>时限</th><th>{head}</th><th>角色</th>"
        "<th>计划</th><th>状态</th></tr></thead><tbody>",
    ]
    for n in lines:
        days = n.days_late if late else n.days
        rows.append(
            f"<tr><td>{e(n.id)}</td><td>{e(n.title)}</td><td>{e(n.deadline_text)}</td>"
            f"<td style=\"text-align:right\">{days}</td><td>{e(n.role)}</td>"
            f"<td>{e(n.plan)}</td><td>{e(n.status)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def compose(
    notice: Notice,
    *,
    sender: str,
    as_of: date,
    within: int | None = None,
    now: datetime | None = None,
    cte: str = "base64",
) -> EmailMessage:
    """The message for one notice. ``cte="8bit"`` keeps the text readable for ``--print``."""
    sender = check_address(sender, "--from")
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = Address(display_name="reformctl", addr_spec=sender)
    name = header_safe(notice.department)
    msg["To"] = [Address(display_name=name, addr_spec=check_address(a)) for a in notice.to]
    msg["Subject"] = subject_of(notice, as_of)
    msg["Date"] = format_datetime(now or datetime.now().astimezone())
    msg["Message-ID"] = make_msgid("reformctl", domain=sender.rpartition("@")[2])
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a cron job
    msg["X-Reformctl-Department"] = name
    msg["X-Reformctl-As-Of"] = as_of.isoformat()
    msg.set_content(text_body(notice, as_of, within), charset="utf-8", cte=cte)
    msg.add_alternative(html_body(notice, as_of, within), subtype="html", charset="utf-8",
                        cte=cte)
    return msg


__all__ = ["SUBJECT_TAG", "compose", "html_body", "subject_of", "text_body"]
