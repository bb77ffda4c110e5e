"""Unit tests of the Python client's wire format (no servers needed): /usr/bin/python3 -m unittest -v"""

import datetime
import io
import json
import pathlib
import re
import struct
import tempfile
import unittest

import avro.io
import avro.schema

import vprompt_client as vp

README = pathlib.Path(__file__).resolve().parents[2] / "schemas" / "README.md"
ROW = re.compile(r"^\s*\| `(\w+)` \| (\d+) \| `released/\1/v\2\.avsc` \| `([0-9a-f ]+)` \|\s*$")


def published_fingerprints():
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            rows[(m.group(1), int(m.group(2)))] = bytes.fromhex(m.group(3))
    return rows


def ref(key):
    return vp.object_ref("vp-images", key)


class FingerprintTest(unittest.TestCase):

    def test_should_match_every_published_fingerprint_when_computing_our_own_canonical_form(self):
        # Given: the table the Java build recomputes with Avro's own implementation
        published = published_fingerprints()
        self.assertTrue(published, "no fingerprint table in " + str(README))

        # When
        ours = {(record, n + 1): vp.fingerprint(text)
                for record in ("DeadLetter", "PromptCompleted", "PromptJob")
                for n, text in enumerate(vp.released_versions(record))}

        # Then
        self.assertEqual(published, ours)

    def test_should_differ_from_python_avro_when_a_field_has_a_logical_type(self):
        # Given
        text = vp.released_versions("PromptJob")[0]

        # When
        theirs = avro.schema.parse(text).canonical_form
        ours = vp.parsing_canonical_form(text)

        # Then: the pitfall the docs warn about, and the form the specification asks for
        self.assertIn('"name":"submittedAt","type":{"type":"long"}', theirs)
        self.assertIn('"name":"submittedAt","type":"long"', ours)
        self.assertNotEqual(theirs, ours)

    def test_should_reduce_a_schema_to_the_specified_form_when_it_has_attributes_namespaces_and_references(self):
        # Given
        schema = {"type": "record", "name": "Outer", "namespace": "a.b", "doc": "dropped", "fields": [
            {"name": "id", "type": {"type": "string", "avro.java.string": "String"}, "doc": "dropped"},
            {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
            {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["X", "Y"], "default": "X"}},
            {"name": "other", "type": ["null", "Kind"], "default": None},
            {"name": "tags", "type": {"type": "map", "values": {"type": "fixed", "name": "c.D", "size": 4}}},
        ]}

        # When
        form = vp.parsing_canonical_form(json.dumps(schema))

        # Then
        self.assertEqual(
            '{"name":"a.b.Outer","type":"record","fields":[{"name":"id","type":"string"},'
            '{"name":"at","type":"long"},'
            '{"name":"kind","type":{"name":"a.b.Kind","type":"enum","symbols":["X","Y"]}},'
            '{"name":"other","type":["null","a.b.Kind"]},'
            '{"name":"tags","type":{"type":"map","values":{"name":"c.D","type":"fixed","size":4}}}]}',
            form)

    def test_should_be_the_crc64_avro_initial_value_when_the_input_is_empty(self):
        self.assertEqual(0xC15D213AA4D7A795, vp.crc64_avro(b""))


class CodecTest(unittest.TestCase):

    def setUp(self):
        self.jobs = vp.Codec("PromptJob")
        self.completions = vp.Codec("PromptCompleted")

    def job(self):
        return {
            "jobId": "py-1",
            "submittedAt": datetime.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.timezone.utc),
            "task": "SEGMENTATION",
            "examples": [{"input": ref("a.png"), "output": ref("b.png")}],
            "query": {"bucket": "vp-images", "key": "q.png"},  # versionId left out: default null
            "output": {"bucket": "vp-results", "prefix": "p"},
        }

    def test_should_write_the_marker_and_fingerprint_then_read_back_the_job_when_optional_fields_are_left_out(self):
        # When
        data = self.jobs.encode(self.job())
        decoded = self.jobs.decode(data)

        # Then
        newest = len(vp.released_versions("PromptJob"))
        self.assertEqual(b"\xc3\x01" + published_fingerprints()[("PromptJob", newest)], data[:10])
        self.assertEqual("py-1", decoded["jobId"])
        self.assertEqual(self.job()["submittedAt"], decoded["submittedAt"])
        self.assertIsNone(decoded["query"]["versionId"])
        self.assertEqual(("AUTO", False, 0, None, {}),
                         (decoded["layout"], decoded["ensemble"], decoded["priority"], decoded["deadline"],
                          decoded["attributes"]))

    def test_should_read_a_version1_completion_with_the_version2_defaults(self):
        # Given: an event written with PromptCompleted v1 (no model name or checkpoint hash)
        v1 = json.loads(vp.released_versions("PromptCompleted")[0])
        timings = dict.fromkeys(["queueMs", "fetchMs", "prepareMs", "batchWaitMs", "inferMs", "publishMs"], 1)
        event = {"jobId": "j", "status": "SUCCEEDED",
                 "completedAt": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
                 "timings": dict(timings, totalMs=6), "batch": {"id": "b", "size": 1},
                 "model": {"id": "mae-vqgan", "sha256": "ab" * 32}, "worker": "w"}
        writer = avro.io.DatumWriter(avro.schema.parse(json.dumps(v1)))
        out = io.BytesIO()
        out.write(b"\xc3\x01" + vp.fingerprint(v1))
        writer.write(vp._with_defaults(v1, event), avro.io.BinaryEncoder(out))

        # When
        decoded = self.completions.decode(out.getvalue())

        # Then
        self.assertEqual("", decoded["model"]["name"])
        self.assertIsNone(decoded["model"]["checkpointSha256"])
        self.assertEqual("ab" * 32, decoded["model"]["sha256"])

    def test_should_refuse_bad_records_with_the_reason_when_decoding(self):
        # Given
        good = self.jobs.encode(self.job())
        unknown = good[:2] + struct.pack("<Q", 12345) + good[10:]
        cases = {"EMPTY": b"", "BAD_HEADER": b"{\"jobId\":1}", "UNKNOWN_SCHEMA": unknown,
                 "MALFORMED": good[:-3]}

        for reason, data in cases.items():
            with self.subTest(reason):
                # When / Then
                with self.assertRaises(vp.DecodeError) as caught:
                    self.jobs.decode(data)
                self.assertEqual(reason, caught.exception.reason)

    def test_should_refuse_trailing_bytes_after_a_complete_record(self):
        with self.assertRaises(vp.DecodeError) as caught:
            self.jobs.decode(self.jobs.encode(self.job()) + b"\x00")
        self.assertEqual("MALFORMED", caught.exception.reason)


class SettingsTest(unittest.TestCase):

    def test_should_take_the_environment_then_the_stack_file_then_the_defaults(self):
        # Given
        with tempfile.TemporaryDirectory() as tmp:
            stack = pathlib.Path(tmp) / "stack.env"
            stack.write_text("# written by vp stack\n"
                             "export VP_KAFKA_BOOTSTRAP_SERVERS='127.0.0.1:1111'\n"
                             "export VP_S3_SECRET_KEY='it'\\''s'\n"
                             "export VP_KAFKA_JOBS_TOPIC='from-file'\n")
            env = {"VP_STACK_FILE": str(stack), "VP_KAFKA_JOBS_TOPIC": "from-env"}

            # When
            s = vp.settings(env)

        # Then
        self.assertEqual("127.0.0.1:1111", s["VP_KAFKA_BOOTSTRAP_SERVERS"])
        self.assertEqual("it's", s["VP_S3_SECRET_KEY"])
        self.assertEqual("from-env", s["VP_KAFKA_JOBS_TOPIC"])
        self.assertEqual("vp-results", s["VP_RESULTS_BUCKET"])


if __name__ == "__main__":
    unittest.main()
