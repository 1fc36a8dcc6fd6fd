"""Model files recognised by their headers: real files made by the formats' own writers where
the test environment has them (safetensors, onnx), the others written by hand to their specs."""

from __future__ import annotations

import ctypes
import gzip
import io
import json
import os.path
import pickle
import pickletools
import struct
import zipfile

import onnx
import pytest
import safetensors
from onnx import TensorProto, checker, helper

from aims_lint.ai_usage import model_files
from aims_lint.ai_usage.evidence import Confidence, Kind, Unreadable, Use
from tests.ai_usage_files import PACKAGED, run, unreadable

HEAD = model_files.HEAD


def only_use(found: list[Use | Unreadable]) -> Use:
    assert unreadable(found) == [] and len(found) == 1, found
    use = found[0]
    assert isinstance(use, Use)
    assert (use.kind, use.line, use.column) == (Kind.MODEL_FILE, 1, 1)
    return use


def only_unreadable(found: list[Use | Unreadable]) -> Unreadable:
    assert len(found) == 1 and isinstance(found[0], Unreadable), found
    assert found[0].line == 1
    return found[0]


# safetensors --------------------------------------------------------------------------------


def safetensors_bytes(tensors: dict[str, tuple[str, list[int], bytes]], metadata: dict[str, str]) -> bytes:
    buffers = {name: ctypes.create_string_buffer(data, len(data)) for name, (_, _, data) in tensors.items()}
    specs = {
        name: safetensors.TensorSpec(
            dtype=dtype, shape=shape, data_ptr=ctypes.addressof(buffers[name]), data_len=len(data)
        )
        for name, (dtype, shape, data) in tensors.items()
    }
    return safetensors.serialize(specs, metadata=metadata)


TINY = {
    "dense.weight": ("float32", [2, 2], struct.pack("<4f", 1, 2, 3, 4)),
    "dense.bias": ("float16", [2], struct.pack("<2e", 0.5, 0.25)),
}


def test_a_real_safetensors_file_is_found_with_its_tensors_and_metadata() -> None:
    content = safetensors_bytes(TINY, {"format": "pt"})
    assert len(safetensors.deserialize(content)) == 2  # the library reads back what it wrote
    use = only_use(run(model_files.SafetensorsScanner(), "models/tiny.safetensors", content))
    assert use.name == "tiny.safetensors" and use.model == "tiny" and use.confidence is Confidence.HIGH
    assert use.evidence == "safetensors header: 2 tensors (F16, F32), metadata format=pt"


def test_a_safetensors_name_in_the_metadata_is_the_model() -> None:
    content = safetensors_bytes(TINY, {"name": "fennwick-triage"})
    assert (
        only_use(run(model_files.SafetensorsScanner(), "w.safetensors", content)).model == "fennwick-triage"
    )


def test_a_header_larger_than_the_head_is_judged_by_its_leading_metadata() -> None:
    many = {f"layer.{i}.weight": ("float32", [1], struct.pack("<f", i)) for i in range(2000)}
    content = safetensors_bytes(many, {"name": "big-model"})
    assert int.from_bytes(content[:8], "little") > HEAD  # the header really runs past the head
    use = only_use(run(model_files.SafetensorsScanner(), "big.safetensors", content))
    assert (use.model, use.confidence) == ("big-model", Confidence.MEDIUM)
    assert use.evidence.startswith("safetensors header of ")


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        (lambda b: b[:5], "has no header length"),
        (lambda b: b[:40], "does not fit a file of 40 bytes"),
        (lambda b: b[:8] + b"[" + b[9:], "is not a JSON object"),
        (lambda b: b[:8] + b"{" + b"\xff" * (len(b) - 9), "is not valid JSON"),
        (lambda b: (2**40).to_bytes(8, "little") + b[8:], "does not fit"),
        (lambda b: b[:-3], "data is cut off"),
    ],
    ids=["no-length", "truncated", "not-an-object", "not-json", "absurd-length", "data-cut-off"],
)
def test_truncated_or_corrupt_safetensors_is_unreadable(cut: object, message: str) -> None:
    content = cut(safetensors_bytes(TINY, {}))  # type: ignore[operator]
    assert (
        message in only_unreadable(run(model_files.SafetensorsScanner(), "bad.safetensors", content)).message
    )


def test_a_safetensors_header_of_other_json_is_unreadable() -> None:
    header = json.dumps({"w": {"shape": [1]}}).encode()
    content = len(header).to_bytes(8, "little") + header
    found = only_unreadable(run(model_files.SafetensorsScanner(), "bad.safetensors", content))
    assert "are not tensors" in found.message


# ONNX -------------------------------------------------------------------------------------


def onnx_bytes(weights: int = 4) -> tuple[onnx.ModelProto, bytes]:
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, weights])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, weights])
    w = helper.make_tensor("w", TensorProto.FLOAT, [1, weights], [0.5] * weights)
    graph = helper.make_graph([helper.make_node("Add", ["x", "w"], ["y"])], "triage", [x], [y], [w])
    model = helper.make_model(
        graph,
        producer_name="aims-test",
        producer_version="1.0",
        model_version=3,
        opset_imports=[helper.make_opsetid("", 17)],
    )
    checker.check_model(model)
    return model, model.SerializeToString()


def test_a_real_onnx_model_is_found_by_its_protobuf_fields() -> None:
    model, content = onnx_bytes()
    use = only_use(run(model_files.OnnxScanner(), "models/triage.onnx", content))
    assert use.model == "triage" and use.version == "3" and use.confidence is Confidence.HIGH
    assert use.evidence.startswith(f"ONNX model: IR version {model.ir_version}, producer aims-test 1.0, ")
    assert f"graph of {model.graph.ByteSize()} bytes" in use.evidence
    assert "opset ai.onnx 17" in use.evidence


def test_an_onnx_model_larger_than_the_head_is_read_as_far_as_its_graph() -> None:
    model, content = onnx_bytes(weights=40_000)  # 160 KB of initializer
    assert len(content) > HEAD
    use = only_use(run(model_files.OnnxScanner(), "big.onnx", content))
    # opset_import (field 8) follows the graph, outside the head; the graph's start is enough.
    assert use.confidence is Confidence.HIGH and "opset" not in use.evidence
    assert f"graph of {model.graph.ByteSize()} bytes" in use.evidence


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (onnx_bytes()[1][:30], "past the end"),
        (b"hello, this is not a model\n", "not an ONNX model"),
        (b"\x12\x03abc", "no IR version"),
        (b"\x0a\x01x", "wrong wire type"),
        (b"", "no IR version"),
    ],
    ids=["truncated", "text", "no-ir-version", "wrong-wire-type", "empty"],
)
def test_bytes_that_are_no_onnx_model_are_unreadable(content: bytes, message: str) -> None:
    assert message in only_unreadable(run(model_files.OnnxScanner(), "m.onnx", content)).message


# Core ML (protobuf written by hand: coremltools is not installed) ------------------------------


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def pb_field(number: int, payload: bytes | int) -> bytes:
    if isinstance(payload, int):
        return varint(number << 3) + varint(payload)
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def test_a_core_ml_model_is_found_by_its_specification_version_and_type() -> None:
    metadata = pb_field(2, b"1.2.0") + pb_field(3, b"Fennwick")
    description = pb_field(1, pb_field(1, b"image")) + pb_field(100, metadata)
    content = pb_field(1, 4) + pb_field(2, description) + pb_field(403, pb_field(1, b"\x00" * 10))
    use = only_use(run(model_files.CoreMlScanner(), "Classifier.mlmodel", content))
    assert use.evidence == "Core ML model: specification version 4, neuralNetworkClassifier"
    assert (use.version, use.model, use.confidence) == ("1.2.0", "Classifier", Confidence.HIGH)


@pytest.mark.parametrize(
    "content",
    [b"", b"\x08\x04", pb_field(1, 4000) + pb_field(2, b""), b"\x08", b"\xff" * 12],
    ids=["empty", "version-only", "absurd-version", "cut-varint", "garbage"],
)
def test_bytes_that_are_no_core_ml_model_are_unreadable(content: bytes) -> None:
    assert (
        "not a Core ML model"
        in only_unreadable(run(model_files.CoreMlScanner(), "m.mlmodel", content)).message
    )


# GGUF (written by hand to the specification) ---------------------------------------------


def gguf_string(text: str, big: bool = False) -> bytes:
    raw = text.encode()
    return struct.pack(">Q" if big else "<Q", len(raw)) + raw


def gguf_bytes(*, big: bool = False) -> bytes:
    e = ">" if big else "<"
    kvs = [
        gguf_string("general.architecture", big) + struct.pack(e + "I", 8) + gguf_string("llama", big),
        gguf_string("general.name", big) + struct.pack(e + "I", 8) + gguf_string("Tiny Llama", big),
        gguf_string("llama.context_length", big) + struct.pack(e + "II", 4, 2048),
        # an array of three uint32, then one of strings, as tokenizer data is stored
        gguf_string("tokenizer.ggml.token_type", big)
        + struct.pack(e + "IIQ", 9, 4, 3)
        + struct.pack(e + "3I", 1, 1, 3),
        gguf_string("tokenizer.ggml.tokens", big)
        + struct.pack(e + "IIQ", 9, 8, 2)
        + gguf_string("a", big)
        + gguf_string("b", big),
    ]
    header = b"GGUF" + struct.pack(e + "IQQ", 3, 1, len(kvs)) + b"".join(kvs)
    tensor_info = gguf_string("token_embd.weight", big) + struct.pack(e + "IQQIQ", 2, 2, 2, 0, 0)
    body = header + tensor_info
    body += b"\x00" * (-len(body) % 32)  # general.alignment defaults to 32
    return body + struct.pack(e + "4f", 1, 2, 3, 4)


def test_a_gguf_file_is_found_with_its_stated_name_and_architecture() -> None:
    use = only_use(run(model_files.GgufScanner(), "models/tiny.Q4_K_M.gguf", gguf_bytes()))
    assert use.model == "Tiny Llama" and use.confidence is Confidence.HIGH
    assert use.evidence == "GGUF v3: 1 tensors, 5 metadata entries, architecture llama"


def test_a_big_endian_gguf_file_is_read_too() -> None:
    use = only_use(run(model_files.GgufScanner(), "be.gguf", gguf_bytes(big=True)))
    assert use.model == "Tiny Llama" and use.evidence.endswith("architecture llama, big-endian")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (gguf_bytes()[:90], "cut off after 1 of 5 entries"),
        (b"GGUF" + struct.pack("<I", 3) + b"\x00" * 4, "cut off before its counts"),
        (b"GGML" + gguf_bytes()[4:], "no GGUF magic"),
        (b"GGUF" + struct.pack("<I", 7) + gguf_bytes()[8:], "unknown GGUF version"),
        (b"GGUF" + struct.pack("<IQQ", 3, 1, 2**40), "implausible counts"),
        (
            b"GGUF" + struct.pack("<IQQ", 3, 1, 1) + gguf_string("k") + struct.pack("<I", 42),
            "unknown metadata value",
        ),
        (b"GGUF" + struct.pack("<IQQQ", 3, 1, 1, 2**50), "a string of"),
    ],
    ids=["truncated", "no-counts", "bad-magic", "bad-version", "absurd-count", "bad-type", "absurd-string"],
)
def test_truncated_or_corrupt_gguf_is_unreadable(content: bytes, message: str) -> None:
    assert message in only_unreadable(run(model_files.GgufScanner(), "bad.gguf", content)).message


def test_a_gguf_head_that_ends_inside_the_metadata_is_still_a_model() -> None:
    """The tokenizer arrays of a real model run far past the head: that is no corruption."""
    huge = gguf_bytes()[:-16] + b"\x00" * (2 * HEAD)
    content = (
        b"GGUF"
        + struct.pack("<IQQ", 3, 1, 3)
        + gguf_string("general.name")
        + struct.pack("<I", 8)
        + gguf_string("Big")
        + gguf_string("tokenizer.ggml.tokens")
        + struct.pack("<IIQ", 9, 8, 100_000)
        + b"".join(gguf_string(f"tok{i}") for i in range(20_000))
        + huge
    )
    assert only_use(run(model_files.GgufScanner(), "big.gguf", content)).model == "Big"


# pickles: opcodes only ----------------------------------------------------------------------

# A protocol 0 pickle of `sklearn.linear_model._logistic.LogisticRegression.__new__` applied to an
# empty tuple, its state a dict: GLOBAL, MARK, TUPLE, REDUCE, EMPTY_DICT, BUILD, STOP.
SKLEARN_GLOBAL = b"csklearn.linear_model._logistic\nLogisticRegression\n(tR}b."
# The same class by protocol 4: two strings, each memoised, then STACK_GLOBAL.
SKLEARN_STACK_GLOBAL = (
    b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00"  # PROTO 4, FRAME
    b"\x8c\x15sklearn.tree._classes\x94"  # SHORT_BINUNICODE, MEMOIZE
    b"\x8c\x16DecisionTreeClassifier\x94\x93\x94"  # SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL, MEMOIZE
    b")\x81}b."  # EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, BUILD, STOP
)


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (SKLEARN_GLOBAL, "sklearn.linear_model._logistic.LogisticRegression"),
        (SKLEARN_STACK_GLOBAL, "sklearn.tree._classes.DecisionTreeClassifier"),
    ],
    ids=["GLOBAL", "STACK_GLOBAL"],
)
def test_a_pickle_naming_scikit_learn_is_a_model_and_is_never_unpickled(content: bytes, named: str) -> None:
    pickletools.dis(content, io.StringIO())  # well-formed: pickletools checks stack and memo
    use = only_use(run(model_files.PickleScanner(), "models/triage.pkl", content))
    assert use.evidence == f"pickle stream naming {named} (opcodes read, never unpickled)"
    assert use.confidence is Confidence.HIGH and use.model == "triage"


def test_a_compressed_joblib_file_is_read_through_its_compression() -> None:
    use = only_use(run(model_files.PickleScanner(), "model.joblib", gzip.compress(SKLEARN_GLOBAL, mtime=0)))
    assert "sklearn.linear_model._logistic.LogisticRegression" in use.evidence


@pytest.mark.parametrize(
    "content",
    [pickle.dumps(os.path.join), pickle.dumps({"labels": ["a", "b"], "n": 3}), pickle.dumps(os.path.join, 0)],
    ids=["stdlib-function", "plain-data", "protocol-0"],
)
def test_a_pickle_naming_no_ml_module_gives_nothing(content: bytes) -> None:
    assert run(model_files.PickleScanner(), "cache.pkl", content) == []


def test_a_pickle_of_arrays_only_is_a_low_confidence_model() -> None:
    content = b"\x80\x02cnumpy.core.multiarray\n_reconstruct\nq\x00."
    assert only_use(run(model_files.PickleScanner(), "w.pkl", content)).confidence is Confidence.LOW


def test_a_truncated_pickle_is_unreadable_and_still_shows_what_it_names() -> None:
    found = run(model_files.PickleScanner(), "model.pkl", SKLEARN_GLOBAL[:-3])
    assert [type(f) for f in found] == [Use, Unreadable]
    assert "cut off or corrupt" in unreadable(found)[0].message


def test_bytes_that_are_no_pickle_are_unreadable() -> None:
    assert "not a pickle" in only_unreadable(run(model_files.PickleScanner(), "m.pkl", b"PK\x03\x04")).message


# PyTorch ----------------------------------------------------------------------------------

# What torch.save pickles into data.pkl: an OrderedDict of tensors rebuilt by torch._utils.
TORCH_DATA_PKL = (
    b"\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01X\x06\x00\x00\x00weightq\x02"
    b"ctorch._utils\n_rebuild_tensor_v2\nq\x03)Rq\x04s."
)


def zip_bytes(entries: dict[str, bytes], method: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 12, 2, 0, 0, 0)), data, compress_type=method)
    return buffer.getvalue()


def test_a_pytorch_zip_archive_is_found_by_its_data_pkl() -> None:
    pickletools.dis(TORCH_DATA_PKL, io.StringIO())
    content = zip_bytes(
        {"archive/data.pkl": TORCH_DATA_PKL, "archive/data/0": b"\x00" * 16, "archive/version": b"3\n"}
    )
    use = only_use(run(model_files.PytorchScanner(), "checkpoints/triage.pt", content))
    assert use.evidence.startswith(
        "PyTorch zip archive (archive/data.pkl) naming torch._utils._rebuild_tensor_v2"
    )
    assert use.confidence is Confidence.HIGH and use.model == "triage"


def test_a_legacy_pytorch_file_is_found_by_its_magic_number() -> None:
    content = pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2) + pickle.dumps(1001, protocol=2)
    use = only_use(run(model_files.PytorchScanner(), "old.pth", content))
    assert use.evidence == "PyTorch legacy serialisation (its magic number)"


def test_hugging_face_pytorch_weights_are_claimed_by_name_only() -> None:
    scanner = model_files.PytorchScanner()
    content = zip_bytes({"pytorch_model/data.pkl": TORCH_DATA_PKL})
    assert only_use(run(scanner, "repo/pytorch_model.bin", content)).model == "pytorch_model"
    assert scanner.wants(model_files.PurePosixPath("repo/pytorch_model-00001-of-00002.bin"), PACKAGED)
    assert not scanner.wants(model_files.PurePosixPath("data/blob.bin"), PACKAGED)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (zip_bytes({"readme.txt": b"hi"}), "without data.pkl"),
        (b"\x00" * 64, "neither a zip archive nor a pickle"),
    ],
    ids=["zip-without-data-pkl", "zeros"],
)
def test_a_pt_file_that_is_no_pytorch_archive_is_unreadable(content: bytes, message: str) -> None:
    assert message in only_unreadable(run(model_files.PytorchScanner(), "m.pt", content)).message


# HDF5, Keras, TensorFlow Lite -------------------------------------------------------------------

HDF5 = model_files.HDF5_SIGNATURE


@pytest.mark.parametrize(
    ("content", "confidence"),
    [
        (HDF5 + b"\x00" * 100 + b"keras_version\x002.15.0\x00model_config", Confidence.HIGH),
        (b"\x00" * 512 + HDF5 + b"\x00" * 100, Confidence.LOW),  # after a 512-byte user block
    ],
    ids=["keras", "plain-hdf5"],
)
def test_an_hdf5_file_is_found_by_its_signature(content: bytes, confidence: Confidence) -> None:
    assert only_use(run(model_files.Hdf5Scanner(), "model.h5", content)).confidence is confidence


def test_a_file_without_the_hdf5_signature_is_unreadable() -> None:
    assert (
        only_unreadable(run(model_files.Hdf5Scanner(), "m.h5", b"\x89HDF\r\n")).message == "no HDF5 signature"
    )


def test_a_keras_archive_is_found_by_its_config() -> None:
    content = zip_bytes(
        {
            "metadata.json": json.dumps({"keras_version": "3.6.0"}).encode(),
            "config.json": json.dumps(
                {"class_name": "Sequential", "config": {"name": "triage_net"}}
            ).encode(),
            "model.weights.h5": HDF5 + b"\x00" * 200,
        },
        zipfile.ZIP_DEFLATED,
    )
    use = only_use(run(model_files.KerasScanner(), "triage.keras", content))
    assert (use.evidence, use.model) == ("Keras archive (config.json, Sequential, Keras 3.6.0)", "triage_net")


def test_a_keras_file_that_is_neither_zip_nor_hdf5_is_unreadable() -> None:
    assert "neither" in only_unreadable(run(model_files.KerasScanner(), "m.keras", b"{}")).message
    no_config = zip_bytes({"metadata.json": b"{}"})
    assert (
        "without config.json"
        in only_unreadable(run(model_files.KerasScanner(), "m.keras", no_config)).message
    )


def tflite_bytes(version: int) -> bytes:
    """A FlatBuffer root table with one uint32 field (Model.version), identifier TFL3."""
    vtable = struct.pack("<HHH", 6, 8, 4)  # vtable size, table size, field 0 at offset 4
    root = 8 + len(vtable) + 2  # the table, after the vtable and two bytes of padding
    table = struct.pack("<iI", root - 8, version)
    return struct.pack("<I", root) + b"TFL3" + vtable + b"\x00\x00" + table


def test_a_tflite_model_is_found_by_its_flatbuffer_identifier() -> None:
    use = only_use(run(model_files.TfliteScanner(), "detector.tflite", tflite_bytes(3)))
    assert use.evidence == "TensorFlow Lite model (FlatBuffer TFL3), schema version 3"


@pytest.mark.parametrize(
    "content",
    [b"\x10\x00\x00\x00TFL2" + b"\x00" * 16, struct.pack("<I", 999) + b"TFL3", b"TF"],
    ids=["other-identifier", "root-outside", "short"],
)
def test_a_tflite_file_without_a_sound_flatbuffer_head_is_unreadable(content: bytes) -> None:
    only_unreadable(run(model_files.TfliteScanner(), "m.tflite", content))


# every scanner ------------------------------------------------------------------------------


def test_every_scanner_reads_at_most_the_head_and_claims_its_extensions_in_any_case() -> None:
    for scanner in model_files.SCANNERS:
        assert scanner.head_bytes == HEAD <= 64 * 1024
    suffixes = [
        ".safetensors",
        ".gguf",
        ".onnx",
        ".mlmodel",
        ".pt",
        ".pth",
        ".h5",
        ".keras",
        ".tflite",
        ".pkl",
    ]
    for suffix in suffixes:
        wanted = [
            s for s in model_files.SCANNERS
            if s.wants(model_files.PurePosixPath(f"a/B{suffix.upper()}"), PACKAGED)
        ]
        assert len(wanted) == 1, suffix
    assert not any(s.wants(model_files.PurePosixPath("README.md"), PACKAGED) for s in model_files.SCANNERS)
