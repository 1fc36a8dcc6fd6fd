"""The rule registry: an explicit tuple, in code order; no import-time discovery.

Adding a rule means adding a module here, a case file in `tests/rules/cases/`
and nothing else; the meta-tests fail until all three exist.
"""

from __future__ import annotations

from aims_lint.rule import Rule
from aims_lint.rules import (
    aims001_no_front_matter,
    aims002_unclosed_front_matter,
    aims003_yaml_syntax_error,
    aims004_duplicate_key,
    aims005_tab_indentation,
    aims006_not_utf8,
    aims007_empty_file,
    aims008_binary_file,
    aims009_file_too_large,
    aims010_yaml_too_complex,
    aims011_front_matter_not_mapping,
    aims012_mixed_line_endings,
    aims013_unsafe_path,
    aims014_unreadable_file,
    aims101_missing_required_field,
    aims102_wrong_type,
    aims103_value_not_allowed,
    aims104_pattern_mismatch,
    aims105_unknown_field,
    aims106_invalid_date,
    aims107_schema_violation,
    aims201_duplicate_id,
    aims202_id_format,
    aims203_type_folder_mismatch,
    aims301_unknown_role,
    aims302_vacant_role,
    aims303_approval_incomplete,
    aims304_approval_in_future,
    aims305_duplicate_role,
    aims401_review_overdue,
    aims402_review_due_soon,
    aims403_review_cycle_exceeded,
    aims404_review_in_future,
    aims501_unknown_reference,
    aims502_retired_reference,
)

REGISTRY: tuple[Rule, ...] = (
    aims001_no_front_matter,
    aims002_unclosed_front_matter,
    aims003_yaml_syntax_error,
    aims004_duplicate_key,
    aims005_tab_indentation,
    aims006_not_utf8,
    aims007_empty_file,
    aims008_binary_file,
    aims009_file_too_large,
    aims010_yaml_too_complex,
    aims011_front_matter_not_mapping,
    aims012_mixed_line_endings,
    aims013_unsafe_path,
    aims014_unreadable_file,
    aims101_missing_required_field,
    aims102_wrong_type,
    aims103_value_not_allowed,
    aims104_pattern_mismatch,
    aims105_unknown_field,
    aims106_invalid_date,
    aims107_schema_violation,
    aims201_duplicate_id,
    aims202_id_format,
    aims203_type_folder_mismatch,
    aims301_unknown_role,
    aims302_vacant_role,
    aims303_approval_incomplete,
    aims304_approval_in_future,
    aims305_duplicate_role,
    aims401_review_overdue,
    aims402_review_due_soon,
    aims403_review_cycle_exceeded,
    aims404_review_in_future,
    aims501_unknown_reference,
    aims502_retired_reference,
)


def lookup(key: str) -> Rule | None:
    """A rule by code (AIMS301) or name (unknown-role)."""
    return next((r for r in REGISTRY if key in (r.RULE.code, r.RULE.name)), None)
