"""A model artefact, recognised by its header or structure.

A model file in a tree (.safetensors, .gguf, .onnx, .mlmodel, .pt, .h5, .tflite, a pickle
of a model) means a model is trained, shipped or loaded there, whoever supplied it. Discovery
recognises it by its header or structure, never by its extension alone, and reads only as far
as the header: a pickle is inspected by its opcodes and never unpickled. A note: evidence,
never a fault.

Passing::

    # models/README.md
    Weights are downloaded at start-up; none are kept here.

Failing::

    # models/classifier.safetensors: a safetensors header naming 4 tensors
    # (line 1: model-file)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.evidence import Kind
from aims_lint.ai_usage.findings import describe, use_finding, uses_of
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1202", "model-file", Severity.NOTE,
    "A model artefact, recognised by its header or structure.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for use in uses_of(ctx, Kind.MODEL_FILE):
        yield use_finding(RULE, use, f"model file {describe(use)}")
