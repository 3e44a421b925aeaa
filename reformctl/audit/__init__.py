"""Auditing parsed plans: due and overdue measures, the status ledger, checks, version diff."""
