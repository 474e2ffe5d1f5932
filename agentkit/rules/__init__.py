"""The rule catalogue. Importing this package registers every rule, in this order."""

from . import conflicts, description, fields, project, prompt, suppression, syntax  # noqa: F401  (registration)
from .base import REGISTRY, Context, Rule, Selection, Summary, get, iter_rules
from .description import example_schema_pass
from .fields import schema_pass

# Passes that report several codes at once, with the codes they report.
PASSES = (
    (schema_pass, ("AK009", "AK101", "AK102", "AK103", "AK104", "AK105", "AK106", "AK112", "AK113", "AK207")),
    (example_schema_pass, ("AK203",)),
    (conflicts.conflict_pass, conflicts.ALL_CODES),
)


__all__ = ["REGISTRY", "PASSES", "Context", "Rule", "Selection", "Summary", "get", "iter_rules"]
