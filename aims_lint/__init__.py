"""aims_lint: keep an ISO/IEC 42001 AI management system as code.

The package follows one data flow: discover files, parse front matter (keeping
positions), validate against the organisation's schemas, build typed documents
and a corpus, run rules, report findings.
"""

__version__ = "0.1.0"
