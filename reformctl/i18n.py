"""The language people read: Chinese first, English on request, through gettext catalogs.

Every string a person reads (table headers, status words, summaries, help, errors of the CLI,
the report) is written in English in the source, marked with ``_()`` (translated where it is
used) or ``N_()`` (only marked: module-level constants, translated when shown), and looked up
in the catalogs ``reformctl/locale/{zh_CN,en}/LC_MESSAGES/reformctl.mo``. Field names of the
machine formats (json, yaml, csv with ``--headers keys``) are an interface and never pass
through here.

The language: ``--lang zh|en`` (``set_language``), else ``$REFORMCTL_LANG``, else the locale
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``): English only where the locale says so;
Chinese everywhere else — a cron job's ``C``/``POSIX`` locale included — because the documents
and their readers are Chinese.

``make catalogs`` extracts the strings (Babel) and compiles the ``.mo`` files, which are
committed, so an install needs no build step; a test keeps them in step with the sources.
Only the stdlib ``gettext`` module is imported here (about 1 ms).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

LANGUAGES = ("zh", "en")
DOMAIN = "reformctl"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# The catalog folder of each language.
CATALOGS = {"zh": "zh_CN", "en": "en"}
ENV_VAR = "REFORMCTL_LANG"

_state: dict[str, Any] = {"lang": None, "translations": None}


class LanguageError(ValueError):
    """A language that is neither Chinese nor English (the CLI makes it a usage error)."""


def normalize(value: str | None) -> str | None:
    """'zh', 'zh_CN.UTF-8', 'zh-Hans', 'cn' → 'zh'; 'en', 'en_US.UTF-8' → 'en'; else None."""
    if not value:
        return None
    value = value.strip().lower().replace("-", "_")
    if value.startswith(("zh", "cn", "chinese")):
        return "zh"
    if value.startswith(("en", "english")):
        return "en"
    return None


def language_from_environment(environ: Any = None) -> str:
    """$REFORMCTL_LANG, then the locale; Chinese when neither names Chinese or English."""
    env = os.environ if environ is None else environ
    chosen = normalize(env.get(ENV_VAR))
    if chosen:
        return chosen
    # LANGUAGE is a priority list ("zh_CN:en"); the first of the others that is set wins, as
    # for setlocale(LC_MESSAGES).
    for part in (env.get("LANGUAGE") or "").split(":"):
        if chosen := normalize(part):
            return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return normalize(value) or "zh"  # C, POSIX, C.UTF-8, fr_FR…: Chinese
    return "zh"


def set_language(lang: str | None) -> str:
    """Use ``lang`` ('zh' or 'en'; None: from the environment) from now on; returns it."""
    if lang is not None and normalize(lang) is None:
        set_language(None)  # the message in the environment's language
        raise LanguageError(_("--lang must be zh or en, not {value!r}").format(value=lang))
    chosen = normalize(lang) or language_from_environment()
    if chosen != _state["lang"]:
        _state["lang"] = chosen
        _state["translations"] = None
    return chosen


def language() -> str:
    """The language in use ('zh' or 'en')."""
    if _state["lang"] is None:
        set_language(None)
    return str(_state["lang"])


def translations() -> Any:
    """The GNUTranslations of the language in use (loaded once per language)."""
    found = _state["translations"]
    if found is None:
        import gettext

        found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[CATALOGS[language()]],
                                    fallback=True)
        _state["translations"] = found
    return found


def _(message: str) -> str:
    """``message`` (English, as written in the source) in the language in use."""
    if not message:
        return message
    return str(translations().gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n``: "1 milestone", "2 milestones"; Chinese has one form (个里程碑)."""
    return str(translations().ngettext(singular, plural, n))


def catalog_messages() -> list[str]:
    """Every message (English, as in the source) the catalogs hold, plurals' singular too."""
    catalog = getattr(translations(), "_catalog", {})
    return sorted({k[0] if isinstance(k, tuple) else k for k in catalog if k} - {""},
                  key=str)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogs without translating it (translate where it is shown)."""
    return message


def is_chinese() -> bool:
    return language() == "zh"


__all__ = ["LANGUAGES", "N_", "_", "is_chinese", "language", "ngettext", "set_language"]
