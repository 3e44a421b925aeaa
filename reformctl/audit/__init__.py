"""Auditing parsed plans: due and overdue measures, the status ledger, checks, version diff.

Entry points (imported lazily, so ``import reformctl.audit`` stays cheap):
``load_ledger``/``set_status`` (the status ledger), ``due_items``/``overdue_items`` (what falls
due), ``run_audit`` with the named ``CHECKS`` (findings), ``department_load`` (per-department
workload). jieba is loaded only when the overlap check runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reformctl.audit.checks import CHECKS, Finding, finding_record, run_audit
    from reformctl.audit.due import DueItem, due_items, due_record, overdue_items
    from reformctl.audit.ledger import STATUSES, Ledger, LedgerEntry, load_ledger, set_status
    from reformctl.audit.workload import DeptLoad, department_load

_HOME = {
    "CHECKS": "checks",
    "Finding": "checks",
    "finding_record": "checks",
    "run_audit": "checks",
    "DueItem": "due",
    "due_items": "due",
    "due_record": "due",
    "overdue_items": "due",
    "STATUSES": "ledger",
    "Ledger": "ledger",
    "LedgerEntry": "ledger",
    "load_ledger": "ledger",
    "set_status": "ledger",
    "DeptLoad": "workload",
    "department_load": "workload",
}

__all__ = [
    "CHECKS",
    "Finding",
    "finding_record",
    "run_audit",
    "DueItem",
    "due_items",
    "due_record",
    "overdue_items",
    "STATUSES",
    "Ledger",
    "LedgerEntry",
    "load_ledger",
    "set_status",
    "DeptLoad",
    "department_load",
]


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"reformctl.audit.{_HOME[name]}"), name)
    raise AttributeError(f"module 'reformctl.audit' has no attribute {name!r}")
