"""The rule registry: every rule module, named once, in code order.

Adding a rule means adding its module name to `RULE_MODULES`, a case file in
`tests/rules/cases/` and nothing else; the meta-tests fail until all three
exist, and `tests/rules/test_meta.py` fails for a module in this package that
is not listed.

Why module names and `import_module` rather than import statements: importing
the modules and then listing them in a tuple named every rule twice, and a
module imported but left out of the tuple silently never ran. Naming each
module once keeps the registry explicit: nothing is found by scanning the
folder, so a stray or half-written module never runs. What the import
statements gave, mypy holding every module to the `Rule` protocol, is checked
at run time instead (both in `aims_lint.rule`):

- at import, `wiring_errors`: each module has a docstring, a `RuleInfo` and a
  `check` function, and the parse and validate stages' `RuleKey`s and their
  rules match one to one. A miswired registry refuses to import, naming each
  fault, so no command runs with a rule that cannot work;
- in `tests/rules/test_meta.py`, `signature_errors` for every rule: `check` is
  `def check(ctx: Context) -> Iterator[Finding]`, annotations compared as the
  types they name (too slow to repeat at every start-up).

`tests/rules/test_wiring.py` shows each fault is caught.
"""

from __future__ import annotations

from importlib import import_module
from typing import cast

from aims_lint.rule import Rule, wiring_errors

RULE_MODULES: tuple[str, ...] = (
    "aims001_no_front_matter",
    "aims002_unclosed_front_matter",
    "aims003_yaml_syntax_error",
    "aims004_duplicate_key",
    "aims005_tab_indentation",
    "aims006_not_utf8",
    "aims007_empty_file",
    "aims008_binary_file",
    "aims009_file_too_large",
    "aims010_yaml_too_complex",
    "aims011_front_matter_not_mapping",
    "aims012_mixed_line_endings",
    "aims013_unsafe_path",
    "aims014_unreadable_file",
    "aims015_non_string_key",
    "aims016_empty_key",
    "aims017_merge_key",
    "aims018_unsafe_file_name",
    "aims019_bidi_control",
    "aims020_unclaimed_path",
    "aims101_missing_required_field",
    "aims102_wrong_type",
    "aims103_value_not_allowed",
    "aims104_pattern_mismatch",
    "aims105_unknown_field",
    "aims106_invalid_date",
    "aims107_schema_violation",
    "aims108_placeholder_value",
    "aims201_duplicate_id",
    "aims202_id_format",
    "aims203_type_folder_mismatch",
    "aims301_unknown_role",
    "aims302_vacant_role",
    "aims303_approval_incomplete",
    "aims304_approval_in_future",
    "aims305_duplicate_role",
    "aims401_review_overdue",
    "aims402_review_due_soon",
    "aims403_review_cycle_exceeded",
    "aims404_review_in_future",
    "aims501_unknown_reference",
    "aims502_retired_reference",
    "aims601_unknown_clause",
    "aims602_unknown_control",
    "aims610_unknown_framework",
    "aims611_framework_not_configured",
    "aims612_unknown_framework_clause",
    "aims613_unknown_framework_control",
    "aims614_schema_rejects_qualified_ids",
    "aims620_soa_same_as_unknown",
    "aims621_soa_same_as_undecided",
    "aims622_soa_same_as_excluded",
    "aims623_soa_same_as_conflict",
    "aims624_soa_framework_not_configured",
    "aims625_soa_entry_foreign_control",
    "aims626_soa_same_as_unmapped",
    "aims701_soa_missing_control",
    "aims702_soa_duplicate_control",
    "aims703_soa_justification_missing",
    "aims704_soa_undecided",
    "aims705_soa_implementation_unsupported",
    "aims706_soa_excluded_control_claimed",
    "aims707_soa_control_unaddressed",
    "aims708_soa_missing",
    "aims801_system_assessment_missing",
    "aims802_supplier_assessment_missing",
    "aims803_management_review_overdue",
    "aims804_audit_coverage_incomplete",
    "aims805_corrective_action_missing",
    "aims806_corrective_action_overdue",
    "aims850_audit_scope_unsupported",
    "aims854_nonconformity_closed_with_open_action",
    "aims855_nonconformity_closed_without_cause",
    "aims856_nonconformity_closed_without_effectiveness_check",
    "aims857_corrective_action_due_too_late",
    "aims858_nonconformity_grade_missing",
    "aims859_management_review_incomplete",
    "aims860_risk_acceptance_expired",
    "aims861_risk_acceptance_expires_soon",
    "aims862_high_risk_untreated",
    "aims863_system_risk_level_mismatch",
    "aims864_risk_assessment_without_risks",
    "aims865_system_changed_after_assessment",
    "aims866_unknown_release",
    "aims867_risk_acceptance_too_long",
    "aims870_soa_exclusion_unjustified",
    "aims871_soa_implemented_without_evidence",
    "aims875_scope_document_missing",
    "aims876_documented_information_missing",
    "aims877_scope_system_unlisted",
    "aims878_scope_lists_non_scope_system",
    "aims901_changed_after_approval",
    "aims902_version_not_bumped",
    "aims903_approval_not_updated",
    "aims904_id_reused",
    "aims905_approved_document_deleted",
    "aims906_segregation_of_duties",
    "aims907_history_unavailable",
    "aims910_approval_trailer_missing",
    "aims911_approval_trailer_wrong_person",
    "aims912_approval_recorded_before_approval",
    "aims913_approval_not_committed",
    "aims914_approval_recorded_late",
    "aims915_approval_unsigned",
    "aims916_approval_signature_bad",
    "aims917_approval_signed_by_unknown_key",
    "aims918_approval_signed_by_wrong_person",
    "aims919_approval_key_outside_validity",
    "aims920_forge_record_missing",
    "aims921_forge_approval_missing",
    "aims922_forge_self_approval",
    "aims923_forge_approval_stale",
    "aims924_forge_approver_not_holder",
    "aims1001_body_section_missing",
    "aims1002_body_section_empty",
    "aims1003_body_placeholder_text",
    "aims1004_body_template_text",
    "aims1005_body_too_short",
    "aims1006_scope_body_section",
    "aims1101_ai_act_fields_inconsistent",
    "aims1102_ai_act_classification_missing",
    "aims1103_ai_act_prohibited_system",
    "aims1104_ai_act_technical_documentation_missing",
    "aims1105_ai_act_quality_management_missing",
    "aims1106_ai_act_record_keeping_missing",
    "aims1107_ai_act_post_market_monitoring_missing",
    "aims1108_ai_act_serious_incident_procedure_missing",
    "aims1109_ai_act_conformity_evidence_missing",
    "aims1110_ai_act_fria_missing",
    "aims1111_ai_act_deployer_measures_missing",
    "aims1112_ai_act_transparency_measure_missing",
    "aims1113_ai_act_ai_literacy_missing",
    "aims1114_ai_act_value_chain_check_missing",
    "aims1201_ai_dependency",
    "aims1202_model_file",
    "aims1203_hub_model_reference",
    "aims1204_model_provider_endpoint",
    "aims1205_model_provider_key_variable",
    "aims1206_sbom_ai_component",
    "aims1209_unreadable_discovery_input",
    "aims1220_unregistered_ai_use",
    "aims1221_stale_ai_inventory",
    "aims1222_model_supplier_unassessed",
    "aims1223_unregistered_model",
    "aims1224_inventory_source_missing",
)


def load_registry(names: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rule modules of this package with these names, or ImportError saying what is miswired."""
    modules = [import_module(f"{__name__}.{name}") for name in names]
    errors = wiring_errors(modules)
    if errors:
        raise ImportError("the rule registry is miswired:\n  " + "\n  ".join(errors))
    return tuple(cast(Rule, module) for module in modules)


REGISTRY: tuple[Rule, ...] = load_registry(RULE_MODULES)


def lookup(key: str) -> Rule | None:
    """A rule by code (AIMS301) or name (unknown-role)."""
    return next((r for r in REGISTRY if key in (r.RULE.code, r.RULE.name)), None)
