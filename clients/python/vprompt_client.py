"""A small Python client for vprompt workers, written from the wire contract alone.

It needs only Debian's ``python3-avro`` (schemas and the Avro binary body), ``python3-confluent-kafka`` and
``python3-boto3``, plus the released schema files of ``schemas/`` (self-contained ``released/<Record>/vN.avsc``).

What it does, as any client must (see schemas/README.md, "For clients in other languages"):

* encodes events with Avro single-object encoding: ``C3 01``, the 8-byte little-endian CRC-64-AVRO fingerprint of
  the writer schema's *parsing canonical form*, then the Avro body. The canonical form is computed here, because
  python-avro 1.11's ``canonical_form`` writes ``{"type":"long"}`` for a ``timestamp-millis`` field and so yields a
  fingerprint no worker knows;
* decodes events of every released version, choosing the writer schema by fingerprint;
* keys every ``PromptJob`` record with its ``jobId``: that is how a record the worker cannot even decode is still
  tied to its job (the FAILED completion and the dead letter carry the key);
* reads the same ``VP_*`` settings as the ``vp`` CLI (environment, else the file a running ``vp stack`` writes).

Not thread-safe: use one :class:`VpromptClient` per thread.
"""

import datetime
import hashlib
import io
import json
import os
import pathlib
import struct
import time
import uuid

import avro.io
import avro.schema

SCHEMAS_DIR = (pathlib.Path(__file__).resolve().parents[2]
               / "schemas/src/main/resources/dev/vprompt/schemas/released")
MAGIC = b"\xc3\x01"

# ---------------------------------------------------------------------------------------------------------------
# Parsing canonical form and CRC-64-AVRO (Avro specification, "Schema Fingerprints")
# ---------------------------------------------------------------------------------------------------------------

PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}
_KEPT = ("name", "type", "fields", "symbols", "items", "values", "size")
_CRC_EMPTY = 0xC15D213AA4D7A795


def _crc_table():
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (_CRC_EMPTY & -(fp & 1))
        table.append(fp)
    return table


_CRC_TABLE = _crc_table()


def crc64_avro(data: bytes) -> int:
    """The CRC-64-AVRO ("Rabin") fingerprint of ``data``, as an unsigned 64-bit integer."""
    fp = _CRC_EMPTY
    for byte in data:
        fp = (fp >> 8) ^ _CRC_TABLE[(fp ^ byte) & 0xFF]
    return fp


def _full_name(name, namespace):
    if "." in name or not namespace:
        return name
    return namespace + "." + name


def _canonical(schema, namespace, seen):
    if isinstance(schema, str):
        return schema if schema in PRIMITIVES else _full_name(schema, namespace)
    if isinstance(schema, list):
        return [_canonical(branch, namespace, seen) for branch in schema]
    kind = schema["type"]
    if not isinstance(kind, str):
        return _canonical(kind, namespace, seen)  # {"type": {...}} or {"type": [...]}: the inner schema
    if kind in PRIMITIVES:
        return kind  # a primitive with attributes (logicalType, avro.java.string...) is its bare name
    if kind not in ("record", "error", "enum", "fixed", "array", "map"):
        return _full_name(kind, namespace)  # {"type": "SomeNamedType"}
    out = {}
    if kind in ("record", "error", "enum", "fixed"):
        name = _full_name(schema["name"], schema.get("namespace", namespace))
        if name in seen:
            return name
        seen.add(name)
        namespace = name.rpartition(".")[0]
        out["name"] = name
    out["type"] = "record" if kind == "error" else kind
    if kind in ("record", "error"):
        out["fields"] = [{"name": f["name"], "type": _canonical(f["type"], namespace, seen)}
                         for f in schema["fields"]]
    if kind == "enum":
        out["symbols"] = list(schema["symbols"])
    if kind == "array":
        out["items"] = _canonical(schema["items"], namespace, seen)
    if kind == "map":
        out["values"] = _canonical(schema["values"], namespace, seen)
    if kind == "fixed":
        out["size"] = int(schema["size"])
    return {k: out[k] for k in _KEPT if k in out}


def parsing_canonical_form(schema_json) -> str:
    """The parsing canonical form of a schema given as JSON text or as the parsed JSON value."""
    schema = json.loads(schema_json) if isinstance(schema_json, str) else schema_json
    return json.dumps(_canonical(schema, "", set()), separators=(",", ":"), ensure_ascii=False)


def fingerprint(schema_json) -> bytes:
    """The 8 fingerprint bytes as they follow ``C3 01`` on the wire (little-endian)."""
    return struct.pack("<Q", crc64_avro(parsing_canonical_form(schema_json).encode("utf-8")))


# ---------------------------------------------------------------------------------------------------------------
# Single-object codec
# ---------------------------------------------------------------------------------------------------------------

class DecodeError(Exception):
    """A record that is not a decodable event; ``reason`` is EMPTY, BAD_HEADER, UNKNOWN_SCHEMA or MALFORMED."""

    def __init__(self, reason, message):
        super().__init__(f"{reason}: {message}")
        self.reason = reason


def released_versions(record, schemas_dir=None):
    """The released schema texts of a record (``PromptJob``, ``PromptCompleted``, ``DeadLetter``), oldest first."""
    folder = pathlib.Path(schemas_dir or os.environ.get("VP_SCHEMAS_DIR") or SCHEMAS_DIR) / record
    versions = []
    while (folder / f"v{len(versions) + 1}.avsc").is_file():
        versions.append((folder / f"v{len(versions) + 1}.avsc").read_text(encoding="utf-8"))
    if not versions:
        raise FileNotFoundError(f"no released {record} schema under {folder}")
    return versions


class Codec:
    """Writes the newest released version of one record and reads every released version into it."""

    def __init__(self, record, schemas_dir=None):
        texts = released_versions(record, schemas_dir)
        self.record = record
        self.schema = avro.schema.parse(texts[-1])
        self.schema_json = json.loads(texts[-1])
        self.fingerprint = fingerprint(texts[-1])
        self._writer = avro.io.DatumWriter(self.schema)
        self._readers = {fingerprint(t): avro.io.DatumReader(avro.schema.parse(t), self.schema) for t in texts}

    def encode(self, datum) -> bytes:
        """Encodes a dict; fields left out take their schema default. Timestamps are aware datetimes."""
        out = io.BytesIO()
        out.write(MAGIC + self.fingerprint)
        self._writer.write(_with_defaults(self.schema_json, datum), avro.io.BinaryEncoder(out))
        return out.getvalue()

    def decode(self, data: bytes):
        if not data:
            raise DecodeError("EMPTY", f"no bytes to decode as {self.record}")
        if data[:2] != MAGIC or len(data) < 10:
            raise DecodeError("BAD_HEADER", "not Avro single-object encoded")
        reader = self._readers.get(data[2:10])
        if reader is None:
            raise DecodeError("UNKNOWN_SCHEMA", f"no released {self.record} schema has fingerprint {data[2:10].hex()}")
        body = io.BytesIO(data[10:])
        try:
            datum = reader.read(avro.io.BinaryDecoder(body))
        except Exception as e:  # python-avro signals bad input with many exception types
            raise DecodeError("MALFORMED", f"{type(e).__name__}: {e}") from e
        if body.tell() != len(data) - 10:
            raise DecodeError("MALFORMED", f"trailing bytes after a complete {self.record}")
        return datum


def _with_defaults(schema, datum):
    """Fills in the defaults of fields a dict leaves out (python-avro's writer does not), records nested in any depth."""
    if isinstance(schema, list):
        if isinstance(datum, dict):
            records = [b for b in schema if isinstance(b, dict) and b.get("type") == "record"]
            return _with_defaults(records[0], datum) if len(records) == 1 else datum
        return datum
    if not isinstance(schema, dict):
        return datum
    kind = schema["type"]
    if kind == "record" and isinstance(datum, dict):
        filled = {}
        for f in schema["fields"]:
            if f["name"] in datum:
                filled[f["name"]] = _with_defaults(f["type"], datum[f["name"]])
            elif "default" in f:
                filled[f["name"]] = f["default"]
        return filled
    if kind == "array" and isinstance(datum, list):
        return [_with_defaults(schema["items"], x) for x in datum]
    if kind == "map" and isinstance(datum, dict):
        return {k: _with_defaults(schema["values"], v) for k, v in datum.items()}
    if isinstance(kind, (dict, list)):
        return _with_defaults(kind, datum)
    return datum


# ---------------------------------------------------------------------------------------------------------------
# Connection settings: the same VP_* names and order as the vp CLI
# ---------------------------------------------------------------------------------------------------------------

DEFAULTS = {
    "VP_KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092",
    "VP_S3_ENDPOINT": "http://127.0.0.1:9000",
    "VP_S3_ACCESS_KEY": "vprompt",
    "VP_S3_SECRET_KEY": "vprompt-secret",
    "VP_S3_REGION": "us-east-1",
    "VP_KAFKA_JOBS_TOPIC": "vp.jobs",
    "VP_KAFKA_COMPLETIONS_TOPIC": "vp.completions",
    "VP_KAFKA_DEAD_LETTER_TOPIC": "vp.jobs.dlq",
    "VP_IMAGES_BUCKET": "vp-images",
    "VP_RESULTS_BUCKET": "vp-results",
}


def read_stack_file(path):
    """The ``export K='V'`` lines of a ``vp stack`` state file; empty when there is none."""
    try:
        lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    found = {}
    for line in lines:
        line = line.strip()
        if not line.startswith("export ") or "=" not in line:
            continue
        key, _, value = line[len("export "):].partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == "'":
            value = value[1:-1].replace("'\\''", "'")
        found[key.strip()] = value
    return found


def settings(env=None):
    """Each VP_* setting from the environment, else the running ``vp stack``'s file, else the default."""
    env = os.environ if env is None else env
    stack_file = env.get("VP_STACK_FILE") or os.path.join(os.path.expanduser("~"), ".vprompt", "stack.env")
    stack = read_stack_file(stack_file)
    return {k: env.get(k) or stack.get(k) or default for k, default in DEFAULTS.items()}


# ---------------------------------------------------------------------------------------------------------------
# The client
# ---------------------------------------------------------------------------------------------------------------

def object_ref(bucket, key, version_id=None):
    return {"bucket": bucket, "key": key, "versionId": version_id}


class VpromptClient:
    """Uploads images, submits jobs, awaits completions and dead letters, downloads results."""

    def __init__(self, config=None, schemas_dir=None):
        import boto3
        import botocore.config
        import confluent_kafka

        self._kafka = confluent_kafka
        self.config = settings() if config is None else config
        self.jobs = Codec("PromptJob", schemas_dir)
        self.completions = Codec("PromptCompleted", schemas_dir)
        self.dead_letters = Codec("DeadLetter", schemas_dir)
        self.s3 = boto3.client(
            "s3",
            endpoint_url=self.config["VP_S3_ENDPOINT"],
            aws_access_key_id=self.config["VP_S3_ACCESS_KEY"],
            aws_secret_access_key=self.config["VP_S3_SECRET_KEY"],
            region_name=self.config["VP_S3_REGION"],
            config=botocore.config.Config(s3={"addressing_style": "path"}, signature_version="s3v4"))
        self._producer = confluent_kafka.Producer({
            "bootstrap.servers": self.config["VP_KAFKA_BOOTSTRAP_SERVERS"],
            "enable.idempotence": True,
        })

    # -- images ---------------------------------------------------------------------------------------------------

    def upload_image(self, data: bytes, extension="png", content_type="image/png"):
        """Stores an image once under a content-addressed key (``uploads/<sha256>.<ext>``) and returns its ref."""
        key = f"uploads/{hashlib.sha256(data).hexdigest()}.{extension}"
        bucket = self.config["VP_IMAGES_BUCKET"]
        self.s3.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type)
        return object_ref(bucket, key)

    # -- jobs -----------------------------------------------------------------------------------------------------

    def job(self, query, examples, task="SEGMENTATION", job_id=None, prefix="python", **optional):
        """A PromptJob dict: ``examples`` is a list of (input ref, output ref); ``optional`` sets further fields."""
        job = {
            "jobId": job_id or f"py-{uuid.uuid4()}",
            "submittedAt": datetime.datetime.now(datetime.timezone.utc),
            "task": task,
            "examples": [{"input": i, "output": o} for i, o in examples],
            "query": query,
            "output": {"bucket": self.config["VP_RESULTS_BUCKET"], "prefix": prefix},
        }
        job.update(optional)
        return job

    def submit(self, jobs):
        """Produces each job keyed by its jobId and waits until Kafka acknowledged all; returns the ids."""
        errors = []

        def delivered(err, _msg):
            if err is not None:
                errors.append(err)

        for job in jobs:
            self.send_raw(job["jobId"], self.jobs.encode(job), delivered)
        self._producer.flush(30)
        if errors:
            raise RuntimeError(f"{len(errors)} jobs not acknowledged: {errors[0]}")
        return [j["jobId"] for j in jobs]

    def send_raw(self, key: str, value: bytes, on_delivery=None):
        """Produces any bytes to the jobs topic (e.g. to see how a worker treats a bad record)."""
        self._producer.produce(self.config["VP_KAFKA_JOBS_TOPIC"], key=key.encode("utf-8"), value=value,
                               on_delivery=on_delivery)
        self._producer.poll(0)

    def flush(self, timeout=30):
        return self._producer.flush(timeout)

    # -- completions and dead letters -----------------------------------------------------------------------------

    def watch(self):
        """Starts reading completions and dead letters from their current end; call before submitting."""
        return Watcher(self)

    def download(self, completion, dest_dir):
        """Writes each result object of a completion to ``dest_dir/<jobId>/<file>``; returns the paths."""
        target = pathlib.Path(dest_dir) / completion["jobId"]
        target.mkdir(parents=True, exist_ok=True)
        paths = []
        for out in completion["outputs"]:
            ref = out["ref"]
            body = self.s3.get_object(Bucket=ref["bucket"], Key=ref["key"])["Body"].read()
            path = target / ref["key"].rsplit("/", 1)[-1]
            path.write_bytes(body)
            paths.append(path)
        return paths

    def close(self):
        self._producer.flush(30)


class Watcher:
    """Reads the completions and dead-letter topics from where they ended when it was created."""

    def __init__(self, client):
        kafka = client._kafka
        self._client = client
        self._consumer = kafka.Consumer({
            "bootstrap.servers": client.config["VP_KAFKA_BOOTSTRAP_SERVERS"],
            "group.id": f"vprompt-python-{uuid.uuid4()}",  # never committed: positions are assigned below
            "enable.auto.commit": False,
            # the worker's exactly-once mode publishes in transactions: never show an aborted one's events
            "isolation.level": "read_committed",
        })
        self._topics = {client.config["VP_KAFKA_COMPLETIONS_TOPIC"]: client.completions,
                        client.config["VP_KAFKA_DEAD_LETTER_TOPIC"]: client.dead_letters}
        assignment = []
        for topic in self._topics:
            partitions = self._consumer.list_topics(topic, timeout=15).topics[topic].partitions
            for p in partitions:
                _, high = self._consumer.get_watermark_offsets(kafka.TopicPartition(topic, p), timeout=15)
                assignment.append(kafka.TopicPartition(topic, p, high))
        self._consumer.assign(assignment)
        self.completed = {}      # jobId -> PromptCompleted dict
        self.dead_lettered = {}  # record key -> DeadLetter dict
        self.undecodable = []    # (topic, partition, offset, reason) of records this client could not decode

    def wait(self, job_ids, timeout=120.0, dead_letter_keys=()):
        """Polls until every job id has a completion and every key a dead letter, or the timeout passes.

        Returns the ids still missing (completions and dead letters), empty when all arrived.
        """
        wanted, keys = set(job_ids), set(dead_letter_keys)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            missing = (wanted - self.completed.keys()) | (keys - self.dead_lettered.keys())
            if not missing:
                return set()
            msg = self._consumer.poll(0.5)
            if msg is None or msg.error() is not None:
                continue
            codec = self._topics[msg.topic()]
            try:
                event = codec.decode(msg.value())
            except DecodeError as e:
                self.undecodable.append((msg.topic(), msg.partition(), msg.offset(), e.reason))
                continue
            if codec is self._client.completions:
                self.completed[event["jobId"]] = event
            else:
                key = msg.key().decode("utf-8", "replace") if msg.key() else ""
                self.dead_lettered[key] = event
        return (wanted - self.completed.keys()) | (keys - self.dead_lettered.keys())

    def close(self):
        self._consumer.close()
