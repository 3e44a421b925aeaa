"""Kept only for ``/work/shared/tools/score_docs.py --canon`` (a diagnostic outside the
repository that imports ``reformctl.parse.departments.default_registry``): the registry lives
in :mod:`reformctl.registry`. Nothing in reformctl imports this module; remove it when that
tool is updated."""

from reformctl.registry import default_registry

__all__ = ["default_registry"]
