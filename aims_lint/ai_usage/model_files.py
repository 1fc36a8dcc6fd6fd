"""Model artefacts, recognised by their headers and containers, never by loading them.

One scanner per format, each judging a file by its first bytes: `.safetensors` (a length and a
JSON header), `.gguf` (magic and metadata, `gguf.py`), `.onnx` and `.mlmodel` (protobuf, which
has no magic bytes: the first fields must decode as the format's top message, `wire.py`),
PyTorch's `.pt`/`.pth` (a zip holding `data.pkl`, or a legacy pickle), `.h5` (the HDF5
signature), `.keras` (a zip with `config.json`), `.tflite` (the FlatBuffer identifier `TFL3`)
and `.pkl`/`.joblib` (pickle opcodes, `pickle_ops.py`; nothing is ever unpickled).

Each file gives one `Use` of kind MODEL_FILE at line 1, column 1, whose `model` is the name the
file states (GGUF's `general.name`) or else its stem, or an `Unreadable` when the header is cut
off or corrupt. Every scanner reads at most HEAD bytes: the headers we read fit in far less, the
walk then reads a multi-gigabyte model file no further than that, and the few fields that lie
beyond (a huge safetensors header, an ONNX graph's nodes) are not needed to tell what it is.
"""

from __future__ import annotations

import bz2
import json
import lzma
import pickletools
import struct
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath

from aims_lint.ai_usage import gguf, pickle_ops, wire, zip_head
from aims_lint.ai_usage.evidence import Confidence, Kind, Unreadable, Use
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import Signatures

HEAD = 64 * 1024
SAFETENSORS_MAX_HEADER = 100_000_000  # the safetensors library refuses larger headers too
_TEXT_MAX = 60  # how much of a name or string the file states goes into evidence


def _clean(value: str) -> str:
    """A string the file states, fit for one line of evidence: printable, trimmed."""
    text = "".join(ch if ch.isprintable() else " " for ch in value).strip()
    return text if len(text) <= _TEXT_MAX else text[: _TEXT_MAX - 1] + "…"


def _use(
    file: ScannedFile, evidence: str, confidence: Confidence, *, model: str = "", version: str = ""
) -> Use:
    return Use(
        path=file.path, line=1, column=1, kind=Kind.MODEL_FILE, name=file.name, evidence=evidence,
        confidence=confidence, version=_clean(version), model=_clean(model) or PurePosixPath(file.path).stem,
    )


def _unreadable(file: ScannedFile, message: str) -> Unreadable:
    return Unreadable(file.path, 1, message)


class _ByExtension:
    """A scanner that wants the files whose extension the signature table's `model_files` maps
    to its `format` (so an extension file adds extensions), and reads HEAD bytes of them."""

    name = ""
    format = ""  # its name in `model_files`, one of signatures.MODEL_FORMATS
    head_bytes: int | None = HEAD

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        table = signatures.model_files
        name = path.name.lower()
        dot = name.find(".", 1)
        while dot != -1:  # `.weights` and also a two-part extension such as `.model.bin`
            if table.get(name[dot:]) == self.format:
                return True
            dot = name.find(".", dot + 1)
        return False

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        try:
            yield from self.items(file)
        except Exception as error:  # a scanner never raises on bad bytes; name what went wrong
            yield _unreadable(file, f"{self.name}: could not read the header ({type(error).__name__})")

    def items(self, file: ScannedFile) -> Iterator[Use | Unreadable]:
        """What the file shows: one use or one unreadable, for every format but pickles."""
        yield self.read(file)

    def read(self, file: ScannedFile) -> Use | Unreadable:
        raise NotImplementedError  # each format defines it (pickles define `items` instead)


class SafetensorsScanner(_ByExtension):
    """An 8-byte little-endian header length, then that many bytes of JSON: `__metadata__`
    (string pairs) and one entry per tensor with its dtype, shape and data offsets."""

    name = "safetensors model files"
    format = "safetensors"

    def read(self, file: ScannedFile) -> Use | Unreadable:
        data = file.data
        if len(data) < 8:
            return _unreadable(file, f"safetensors file of {file.size} bytes has no header length")
        length = int.from_bytes(data[:8], "little")
        if not 2 <= length <= SAFETENSORS_MAX_HEADER or 8 + length > file.size:
            return _unreadable(
                file, f"safetensors header length {length} does not fit a file of {file.size} bytes"
            )
        raw = data[8 : 8 + length]
        if not raw.startswith(b"{"):
            return _unreadable(file, "safetensors header is not a JSON object")
        if len(raw) < length:  # the header runs past the head: judge by the part we read
            return _use(
                file, f"safetensors header of {length} bytes (the first {len(raw)} read)", Confidence.MEDIUM,
                model=_stated_name(_leading_metadata(raw)),
            )
        try:
            header = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return _unreadable(file, "safetensors header is not valid JSON")
        if not isinstance(header, dict):
            return _unreadable(file, "safetensors header is not a JSON object")
        metadata = header.pop("__metadata__", None) or {}
        tensors = header.values()
        if not isinstance(metadata, dict) or not all(
            isinstance(t, dict) and {"dtype", "shape", "data_offsets"} <= t.keys() for t in tensors
        ):
            return _unreadable(file, "safetensors header entries are not tensors (dtype, shape, offsets)")
        ends = [t["data_offsets"][1] for t in tensors if _offsets(t["data_offsets"])]
        if len(ends) < len(header):
            return _unreadable(file, "safetensors header has tensors without two data offsets")
        data_end = 8 + length + max(ends, default=0)
        if data_end > file.size:
            return _unreadable(
                file, f"safetensors data is cut off: the header puts it up to byte {data_end} of {file.size}"
            )
        dtypes = sorted({str(t["dtype"]) for t in tensors})
        evidence = f"safetensors header: {len(header)} tensors ({', '.join(dtypes) or 'none'})"
        if metadata:
            pairs = ", ".join(f"{k}={v}" for k, v in sorted(metadata.items())[:3])
            evidence += f", metadata {_clean(pairs)}"
        return _use(file, evidence, Confidence.HIGH, model=_stated_name(metadata))


def _offsets(value: object) -> bool:
    return (
        isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)
        and 0 <= value[0] <= value[1]
    )


def _leading_metadata(raw: bytes) -> dict[str, object]:
    """`__metadata__` when it opens a header we have only the head of (writers put it first)."""
    text = raw.decode("utf-8", "ignore")
    prefix = '{"__metadata__":'
    if not text.startswith(prefix):
        return {}
    try:
        value, _ = json.JSONDecoder().raw_decode(text[len(prefix) :].lstrip())
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _stated_name(metadata: dict[str, object]) -> str:
    for key in ("name", "model_name", "modelspec.title"):
        if isinstance(metadata.get(key), str):
            return str(metadata[key])
    return ""


class GgufScanner(_ByExtension):
    name = "GGUF model files"
    format = "gguf"

    def read(self, file: ScannedFile) -> Use | Unreadable:
        try:
            header = gguf.read(file.data, file.size)
        except gguf.GgufError as error:
            return _unreadable(file, f"GGUF header: {error}")
        if header.cut and file.complete:
            return _unreadable(
                file, f"GGUF metadata is cut off after {header.keys_read} of {header.keys} entries"
            )
        values = header.values
        evidence = f"GGUF v{header.version}: {header.tensors} tensors, {header.keys} metadata entries"
        if "general.architecture" in values:
            evidence += f", architecture {_clean(values['general.architecture'])}"
        if header.big_endian:
            evidence += ", big-endian"
        model = values.get("general.name") or values.get("general.basename") or ""
        return _use(file, evidence, Confidence.HIGH, model=model, version=values.get("general.version", ""))


# ONNX ModelProto: field number -> (name, wire type).
_ONNX_FIELDS = {
    1: ("ir_version", wire.VARINT), 2: ("producer_name", wire.LENGTH), 3: ("producer_version", wire.LENGTH),
    4: ("domain", wire.LENGTH), 5: ("model_version", wire.VARINT), 6: ("doc_string", wire.LENGTH),
    7: ("graph", wire.LENGTH), 8: ("opset_import", wire.LENGTH), 14: ("metadata_props", wire.LENGTH),
    20: ("training_info", wire.LENGTH), 25: ("functions", wire.LENGTH), 26: ("configuration", wire.LENGTH),
}
_MAX_IR_VERSION = 100  # ONNX is at 11; anything near this is not an IR version


class OnnxScanner(_ByExtension):
    """An ONNX model is a protobuf `ModelProto`; its first fields must decode as one."""

    name = "ONNX model files"
    format = "onnx"

    def read(self, file: ScannedFile) -> Use | Unreadable:
        data = file.data
        found: dict[str, int | str] = {}
        opsets: list[str] = []
        try:
            for f in wire.fields(data, total=file.size):
                known = _ONNX_FIELDS.get(f.number)
                if known is None:
                    continue  # a field of a newer ONNX: protobuf readers skip those too
                field_name, wire_type = known
                if f.wire_type != wire_type:
                    return _unreadable(file, f"not an ONNX model: field {f.number} has the wrong wire type")
                if wire_type == wire.VARINT:
                    found[field_name] = f.value
                elif field_name == "opset_import" and f.complete:
                    opsets.append(_opset(f.payload(data)))
                elif field_name in ("producer_name", "producer_version", "domain") and f.complete:
                    found[field_name] = _clean(f.payload(data).decode("utf-8", "replace"))
                elif field_name == "graph":
                    found["graph"] = f.value
        except wire.WireError as error:
            return _unreadable(file, f"not an ONNX model: {error}")
        ir_version = found.get("ir_version")
        if not isinstance(ir_version, int) or not 1 <= ir_version <= _MAX_IR_VERSION:
            return _unreadable(file, "not an ONNX model: no IR version in its first fields")
        parts = [f"ONNX model: IR version {ir_version}"]
        if found.get("producer_name"):
            parts.append(f"producer {found['producer_name']} {found.get('producer_version', '')}".rstrip())
        if opsets:
            parts.append(f"opset {', '.join(opsets)}")
        if "graph" in found:
            parts.append(f"graph of {found['graph']} bytes")
        confidence = Confidence.HIGH if "graph" in found or opsets else Confidence.MEDIUM
        version = str(found.get("model_version") or "")
        return _use(file, ", ".join(parts), confidence, version=version)


def _opset(payload: bytes) -> str:
    """An OperatorSetIdProto as `domain version` (domain 1, version 2; "" is the default)."""
    domain, version = "", 0
    try:
        for f in wire.fields(payload):
            if f.number == 1 and f.wire_type == wire.LENGTH:
                domain = _clean(f.payload(payload).decode("utf-8", "replace"))
            elif f.number == 2 and f.wire_type == wire.VARINT:
                version = f.value
    except wire.WireError:
        return "?"
    return f"{domain or 'ai.onnx'} {version}"


# Core ML Model: the oneof `Type` fields, number -> the model type's name.
_COREML_TYPES = {
    200: "pipelineClassifier", 201: "pipelineRegressor", 202: "pipeline", 300: "glmRegressor",
    301: "supportVectorRegressor", 302: "treeEnsembleRegressor", 303: "neuralNetworkRegressor",
    304: "bayesianProbitRegressor", 400: "glmClassifier", 401: "supportVectorClassifier",
    402: "treeEnsembleClassifier", 403: "neuralNetworkClassifier", 404: "kNearestNeighborsClassifier",
    500: "neuralNetwork", 501: "itemSimilarityRecommender", 502: "mlProgram", 555: "customModel",
    556: "linkedModel", 560: "classConfidenceThresholding", 600: "oneHotEncoder", 601: "imputer",
    602: "featureVectorizer", 603: "dictVectorizer", 604: "scaler", 606: "categoricalMapping",
    607: "normalizer", 609: "arrayFeatureExtractor", 610: "nonMaximumSuppression", 900: "identity",
    2000: "textClassifier", 2001: "wordTagger", 2002: "visionFeaturePrint",
    2003: "soundAnalysisPreprocessing", 2004: "gazetteer", 2005: "wordEmbedding",
    2006: "audioFeaturePrint", 3000: "serializedModel",
}
_MAX_SPEC_VERSION = 100  # Core ML is at 9


class CoreMlScanner(_ByExtension):
    """A Core ML model is a protobuf `Model`: specificationVersion (1), description (2),
    isUpdatable (10), then one field of the oneof that says what kind of model it is."""

    name = "Core ML model files"
    format = "coreml"

    def read(self, file: ScannedFile) -> Use | Unreadable:
        data = file.data
        spec = 0
        kind = ""
        version = ""
        seen_description = False
        try:
            for f in wire.fields(data, total=file.size):
                expected = {1: wire.VARINT, 2: wire.LENGTH, 10: wire.VARINT}.get(
                    f.number, wire.LENGTH if f.number in _COREML_TYPES else None
                )
                if expected is None:
                    continue
                if f.wire_type != expected:
                    return _unreadable(file, f"not a Core ML model: field {f.number} has the wrong wire type")
                if f.number == 1:
                    spec = f.value
                elif f.number == 2:
                    seen_description = True
                    if f.complete:
                        version = _coreml_version(f.payload(data))
                elif f.number in _COREML_TYPES:
                    kind = _COREML_TYPES[f.number]
                    break
        except wire.WireError as error:
            return _unreadable(file, f"not a Core ML model: {error}")
        if not 1 <= spec <= _MAX_SPEC_VERSION or not (seen_description or kind):
            return _unreadable(file, "not a Core ML model: no specification version and description")
        evidence = f"Core ML model: specification version {spec}" + (f", {kind}" if kind else "")
        return _use(file, evidence, Confidence.HIGH if kind else Confidence.MEDIUM, version=version)


def _coreml_version(description: bytes) -> str:
    """ModelDescription.metadata (100) -> Metadata.versionString (2), or ""."""
    try:
        for f in wire.fields(description):
            if f.number == 100 and f.wire_type == wire.LENGTH:
                metadata = f.payload(description)
                for g in wire.fields(metadata):
                    if g.number == 2 and g.wire_type == wire.LENGTH:
                        return g.payload(metadata).decode("utf-8", "replace")
    except wire.WireError:
        return ""
    return ""


class TfliteScanner(_ByExtension):
    """A TensorFlow Lite model is a FlatBuffer with the file identifier `TFL3` at offset 4."""

    name = "TensorFlow Lite model files"
    format = "tflite"

    def read(self, file: ScannedFile) -> Use | Unreadable:
        data = file.data
        if len(data) < 8 or data[4:8] != b"TFL3":
            return _unreadable(file, "no TensorFlow Lite FlatBuffer identifier (TFL3) at offset 4")
        root = int.from_bytes(data[:4], "little")
        if not 8 <= root < file.size:
            return _unreadable(file, f"TensorFlow Lite root table offset {root} is outside the file")
        schema = _flatbuffer_uint(data, root, 0)
        evidence = "TensorFlow Lite model (FlatBuffer TFL3)"
        if schema is not None:
            evidence += f", schema version {schema}"
        return _use(file, evidence, Confidence.HIGH)


def _flatbuffer_uint(data: bytes, table: int, slot: int) -> int | None:
    """A table's uint32 field `slot`, when it and its vtable lie inside `data`."""
    try:
        vtable = table - struct.unpack_from("<i", data, table)[0]
        vtable_size = struct.unpack_from("<H", data, vtable)[0]
        if 4 + 2 * slot + 2 > vtable_size:
            return None
        offset = struct.unpack_from("<H", data, vtable + 4 + 2 * slot)[0]
        return int(struct.unpack_from("<I", data, table + offset)[0]) if offset else None
    except struct.error:
        return None


HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"
_KERAS_MARKS = (b"keras_version", b"model_config")


def _hdf5_offset(data: bytes) -> int | None:
    """Where the HDF5 signature is: at 0, or after a user block of 512, 1024, 2048... bytes."""
    offset = 0
    while offset + len(HDF5_SIGNATURE) <= len(data):
        if data[offset : offset + len(HDF5_SIGNATURE)] == HDF5_SIGNATURE:
            return offset
        offset = 512 if offset == 0 else offset * 2
    return None


def _hdf5(file: ScannedFile) -> Use | Unreadable:
    if _hdf5_offset(file.data) is None:
        return _unreadable(file, "no HDF5 signature")
    marks = [m.decode() for m in _KERAS_MARKS if m in file.data]
    if marks:
        return _use(file, f"HDF5 file with Keras model attributes ({', '.join(marks)})", Confidence.HIGH)
    # HDF5 holds any numeric data; without Keras's attributes it is only possibly a model.
    return _use(file, "HDF5 file (no Keras attributes in its head)", Confidence.LOW)


class Hdf5Scanner(_ByExtension):
    name = "HDF5 model files"
    format = "hdf5"

    def read(self, file: ScannedFile) -> Use | Unreadable:
        return _hdf5(file)


class KerasScanner(_ByExtension):
    """Keras 3 saves a zip of `metadata.json`, `config.json` and `model.weights.h5`; older
    `.keras` files may be HDF5."""

    name = "Keras model files"
    format = "keras"

    def read(self, file: ScannedFile) -> Use | Unreadable:
        if not file.data.startswith(zip_head.MAGIC):
            return _hdf5(file) if _hdf5_offset(file.data) is not None else _unreadable(
                file, "a .keras file that is neither a zip archive nor HDF5"
            )
        entries = {e.name: e.content for e in zip_head.entries(file.data)}
        if "config.json" not in entries:
            return _unreadable(file, "a .keras zip without config.json among its first entries")
        evidence = "Keras archive (config.json"
        model = ""
        config = _json_object(entries["config.json"])
        if isinstance(config.get("class_name"), str):
            evidence += f", {_clean(str(config['class_name']))}"
        inner = config.get("config")
        if isinstance(inner, dict) and isinstance(inner.get("name"), str):
            model = str(inner["name"])
        version = _json_object(entries.get("metadata.json")).get("keras_version")
        if isinstance(version, str):
            evidence += f", Keras {_clean(version)}"
        return _use(file, evidence + ")", Confidence.HIGH, model=model)


def _json_object(raw: bytes | None) -> dict[str, object]:
    if raw is None:
        return {}
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


# The module roots a pickle names that show a model, and those that show only arrays or tables.
ML_MODULES = frozenset({
    "sklearn", "xgboost", "lightgbm", "catboost", "torch", "tensorflow", "keras", "tf_keras", "transformers",
    "sentence_transformers", "statsmodels", "gensim", "spacy", "prophet", "imblearn", "skorch", "fastai",
    "onnx", "onnxruntime", "pmdarima", "river", "mlflow",
})
DATA_MODULES = frozenset({"numpy", "scipy", "pandas"})
_LEGACY_TORCH_MAGIC = 0x1950A86A20F9469CFC6C  # the first value of torch's pre-1.6 format


def _pickle_use(file: ScannedFile, scan: pickle_ops.PickleScan, what: str) -> Use | None:
    """The use a pickle stream shows by the modules it names, or None when it names no ML."""
    ml = [g for g in scan.globals if g.partition(".")[0] in ML_MODULES]
    data = [g for g in scan.globals if g.partition(".")[0] in DATA_MODULES]
    shown = ml or data
    if not shown:
        return None
    names = ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
    confidence = Confidence.HIGH if ml else Confidence.LOW
    return _use(file, f"{what} naming {names} (opcodes read, never unpickled)", confidence)


def _decompressed_head(data: bytes) -> bytes:
    """joblib's compressed files: the head of what they hold (gzip, zlib, xz, bz2), else `data`."""
    try:
        if data.startswith(b"\x1f\x8b"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, HEAD)
        if data[:1] == b"x" and len(data) > 1 and (data[0] * 256 + data[1]) % 31 == 0:
            return zlib.decompressobj().decompress(data, HEAD)
        if data.startswith(b"\xfd7zXZ"):
            return lzma.LZMADecompressor().decompress(data, HEAD)
        if data.startswith(b"BZh"):
            return bz2.BZ2Decompressor().decompress(data, HEAD)
    except (zlib.error, lzma.LZMAError, OSError, EOFError, ValueError):
        return data
    return data


class PickleScanner(_ByExtension):
    """Pickled models (scikit-learn, XGBoost ... and joblib's files), by the modules their
    GLOBAL and STACK_GLOBAL opcodes name. A pickle naming only the standard library is no model
    and gives nothing."""

    name = "pickled model files"
    format = "pickle"

    def items(self, file: ScannedFile) -> Iterator[Use | Unreadable]:
        """A use for the modules the stream names, and an unreadable when it is corrupt: both
        for a broken pickle of a model."""
        data = _decompressed_head(file.data)
        compressed = data is not file.data
        if not pickle_ops.is_pickle_start(data):
            yield _unreadable(file, "not a pickle stream (no pickle opcode at its start)")
            return
        scan = pickle_ops.scan(data)
        use = _pickle_use(file, scan, "pickle stream")
        if use is not None:
            yield use
        # A whole file whose stream breaks is corrupt, unless joblib wrote raw array bytes into it.
        joblib = any(g.startswith("joblib.") for g in scan.globals)
        if file.complete and not compressed and not scan.ended and not joblib:
            reason = scan.error or "no STOP opcode"
            yield _unreadable(
                file, f"pickle stream is cut off or corrupt after {scan.opcodes} opcodes: {reason}"
            )


class PytorchScanner(_ByExtension):
    """`torch.save` writes a zip whose first entry is `<archive>/data.pkl` (the pickled object
    graph, whose opcodes name torch's rebuild functions); before torch 1.6 it wrote a pickle
    starting with a magic number."""

    name = "PyTorch model files"
    format = "pytorch"

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        # Hugging Face's PyTorch weights use the generic `.bin`: only their own names are claimed
        # (`pytorch_model.bin`, and the shards `pytorch_model-00001-of-00002.bin`).
        name = path.name.lower()
        return super().wants(path, signatures) or (name.startswith("pytorch_model") and name.endswith(".bin"))

    def read(self, file: ScannedFile) -> Use | Unreadable:
        data = file.data
        if data.startswith(zip_head.MAGIC):
            for entry in zip_head.entries(data):
                parts = entry.name.split("/")
                if parts[-1] in ("data.pkl", "constants.pkl") and len(parts) <= 2:
                    what = "TorchScript archive" if parts[-1] == "constants.pkl" else "PyTorch zip archive"
                    if entry.content is not None:
                        use = _pickle_use(file, pickle_ops.scan(entry.content), f"{what} ({entry.name})")
                        if use is not None:
                            return use
                    return _use(file, f"{what} ({entry.name})", Confidence.HIGH)
            return _unreadable(file, "a zip archive without data.pkl among its first entries")
        if pickle_ops.is_pickle_start(data):
            if _legacy_magic(data):
                return _use(file, "PyTorch legacy serialisation (its magic number)", Confidence.HIGH)
            use = _pickle_use(file, pickle_ops.scan(data), "pickle stream")
            return use or _use(file, "pickle stream naming no ML module in its head", Confidence.MEDIUM)
        return _unreadable(file, "neither a zip archive nor a pickle stream")


def _legacy_magic(data: bytes) -> bool:
    try:
        for opcode, arg, _pos in pickletools.genops(data):
            if opcode.name != "PROTO":
                return opcode.name in ("LONG1", "LONG4", "LONG") and arg == _LEGACY_TORCH_MAGIC
    except Exception:  # any decoding failure means: not that magic number
        return False
    return False


SCANNERS = (
    SafetensorsScanner(), GgufScanner(), OnnxScanner(), CoreMlScanner(), PytorchScanner(), Hdf5Scanner(),
    KerasScanner(), TfliteScanner(), PickleScanner(),
)
