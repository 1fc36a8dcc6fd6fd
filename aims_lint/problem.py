"""What the parse and validate stages found wrong with a file, keyed by the rule it belongs to.

`frontmatter.py` (reading the bytes), `yaml12.py` (odd keys), `validate.py`
(schema errors) and `document.py` (paths, names, placeholders, the typed model)
record every problem as a `Problem`; the rule modules built on `StageRuleInfo`
in `aims_lint.rule` turn the problems with their key into findings.

The key is a `RuleKey`, never a free string: a misspelt key is a mypy error
(and a `TypeError` here, for code that mypy does not check), and the registry
checks when it is imported that every key has exactly one rule and that every
stage rule has its key. These stages sit below the rules and cannot import
them, which is why the key is an enum here rather than the rule's `RuleInfo`.

Adding a parse or validate rule: add its member here (the value is the rule's
name), record problems with it, and register a module whose `RULE` is a
`StageRuleInfo(..., key=RuleKey.MEMBER)`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class RuleKey(StrEnum):
    """The rules the parse and validate stages report to; each value is its rule's name.

    The value is the name so that messages printing a problem's rule (for
    instance `review` refusing a file that no longer parses) name the rule as
    findings do; the registry checks that the two agree.
    """

    NO_FRONT_MATTER = "no-front-matter"
    UNCLOSED_FRONT_MATTER = "unclosed-front-matter"
    YAML_SYNTAX_ERROR = "yaml-syntax-error"
    DUPLICATE_KEY = "duplicate-key"
    TAB_INDENTATION = "tab-indentation"
    NOT_UTF8 = "not-utf8"
    EMPTY_FILE = "empty-file"
    BINARY_FILE = "binary-file"
    FILE_TOO_LARGE = "file-too-large"
    YAML_TOO_COMPLEX = "yaml-too-complex"
    FRONT_MATTER_NOT_MAPPING = "front-matter-not-mapping"
    MIXED_LINE_ENDINGS = "mixed-line-endings"
    UNSAFE_PATH = "unsafe-path"
    UNREADABLE_FILE = "unreadable-file"
    NON_STRING_KEY = "non-string-key"
    EMPTY_KEY = "empty-key"
    MERGE_KEY = "merge-key"
    UNSAFE_FILE_NAME = "unsafe-file-name"
    BIDI_CONTROL = "bidi-control"
    MISSING_REQUIRED_FIELD = "missing-required-field"
    WRONG_TYPE = "wrong-type"
    VALUE_NOT_ALLOWED = "value-not-allowed"
    PATTERN_MISMATCH = "pattern-mismatch"
    UNKNOWN_FIELD = "unknown-field"
    INVALID_DATE = "invalid-date"
    SCHEMA_VIOLATION = "schema-violation"
    PLACEHOLDER_VALUE = "placeholder-value"
    ID_FORMAT = "id-format"
    SCHEMA_REJECTS_QUALIFIED_IDS = "schema-rejects-qualified-ids"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, where it is, and the rule it belongs to."""

    rule: RuleKey
    message: str
    line: int = 1
    column: int = 1
    pointer: str = ""  # JSON pointer of the field; "" for the file or its header as a whole
    at_key: bool = False  # locate the key itself (unknown fields) rather than its value
    # The schema's pattern a value failed, when the rule reports on the schema rather than the
    # document (AIMS614 points at the line of the schema file that holds it).
    schema_pattern: str = ""

    def __post_init__(self) -> None:
        # mypy catches a string here in our code; this catches it in code mypy does not see.
        if not isinstance(self.rule, RuleKey):
            raise TypeError(f"a Problem is keyed by a RuleKey, not {self.rule!r}")

    def at(self, line: int, column: int) -> Problem:
        return replace(self, line=line, column=column)
