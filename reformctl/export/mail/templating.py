"""Mail subjects and bodies from Jinja2 templates an office can override.

The shipped templates (``reformctl/export/mail/templates/*.j2``, in Chinese) are used unless a
folder of the office's own holds a file of the same name (``templates:`` in notify.yaml or
``--templates DIR``): copy one of the shipped files there and change it. HTML templates escape
what they insert; text templates do not. An undefined name in a template is an error naming
the template and line, never an empty gap in a message.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from reformctl.errors import InputError
from reformctl.i18n import _

SUBJECT, TEXT, HTML = "subject.txt.j2", "body.txt.j2", "body.html.j2"
SUMMARY_SUBJECT, SUMMARY_TEXT = "summary_subject.txt.j2", "summary.txt.j2"
TEMPLATES = (SUBJECT, TEXT, HTML, SUMMARY_SUBJECT, SUMMARY_TEXT)


def status_label(status: str) -> str:
    """open → 未完成 (the labels of the fill-in sheet)."""
    from reformctl.export.fill_in import STATUS_LABELS

    return STATUS_LABELS.get(status, status)


def day_text(value: Any) -> str:
    """A date (or the day of an ISO timestamp) as 2021-07-30."""
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")[:10]


@cache
def environment(override: Path | None = None) -> Any:
    import jinja2

    loaders: list[Any] = []
    if override is not None:
        loaders.append(jinja2.FileSystemLoader(str(override)))
    loaders.append(jinja2.PackageLoader("reformctl.export.mail", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                            default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["status"] = status_label
    env.filters["day"] = day_text
    return env


def render(name: str, context: dict[str, Any], override: Path | None = None) -> str:
    """The template ``name`` rendered; InputError naming the template file and line."""
    import jinja2

    if override is not None and not Path(override).is_dir():
        raise InputError("templates folder not found", path=str(override))
    env = environment(Path(override) if override is not None else None)
    try:
        template = env.get_template(name)
        return str(template.render(**context))
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(_("template: {error}").format(error=exc.message), path=exc.filename or name,
                         line=exc.lineno) from None
    except jinja2.TemplateError as exc:
        where = _origin(name, override)
        raise InputError(_("template: {error}").format(error=exc), path=where,
                         line=_line_of(exc)) from None


def _origin(name: str, override: Path | None) -> str:
    if override is not None and (Path(override) / name).is_file():
        return str(Path(override) / name)
    return f"reformctl/export/mail/templates/{name}"


def _line_of(exc: BaseException) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:  # the frame Jinja2 compiled from the template, innermost last
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


__all__ = ["TEMPLATES", "environment", "render"]
