"""reformctl: parse Chinese government action plans into auditable data."""

from reformctl.errors import InputError, ReformctlError, SchemaError, UsageError
from reformctl.model import PARSER_VERSION

__version__ = PARSER_VERSION
__all__ = ["ReformctlError", "InputError", "SchemaError", "UsageError", "__version__"]
