"""Command-line interface: a thin layer over the library (see ``app.py``)."""

from __future__ import annotations

import importlib

from reformctl.cli.app import app

# Each module registers its commands on ``app``; the order here is the order in --help.
# tests/test_structure.py checks that every cli/*_cmd.py is listed.
COMMAND_MODULES = (
    "parse_cmd",
    "browse_cmd",
    "audit_cmd",
    "status_cmd",
    "diff_cmd",
    "export_cmd",
    "notify_cmd",
)

for _name in COMMAND_MODULES:  # a missing one is an error, never a command silently gone
    importlib.import_module(f"reformctl.cli.{_name}")


def main() -> None:
    app()


__all__ = ["app", "main"]
