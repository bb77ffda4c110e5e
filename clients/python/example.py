#!/usr/bin/python3
"""Segments a few query images through a vprompt deployment, end to end, from Python.

Uploads one example pair and the queries to S3, submits one PromptJob per query (key = jobId), optionally also a
record no worker can decode, waits for the completion events (and that record's dead letter), downloads the result
objects and prints a JSON summary. Exit status 0 when every job succeeded (and the bad record was dead-lettered),
1 otherwise.

Connection settings come from the VP_* environment variables, else the file a running `vp stack` writes:

    ./vp stack                                   # terminal 1
    source ~/.vprompt/stack.env                  # terminal 2
    VP_MODEL_NULL_MODEL=true VP_HTTP_PORT=0 ./vp worker &
    /usr/bin/python3 clients/python/example.py --queries 3 --download out/ --bad-record
"""

import argparse
import json
import struct
import sys
import uuid
import zlib

import vprompt_client


def png(width, height, pixel):
    """A minimal 8-bit RGB PNG; ``pixel(x, y)`` returns an (r, g, b) tuple."""
    rows = b"".join(b"\x00" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def scene(size, box, mask=False):
    """A textured background with a bright square at ``box`` (x0, y0, x1, y1); or just the square's mask."""
    x0, y0, x1, y1 = box

    def pixel(x, y):
        inside = x0 <= x < x1 and y0 <= y < y1
        if mask:
            return (255, 255, 255) if inside else (0, 0, 0)
        return (230, 200, 40) if inside else ((x * 3) % 256, (y * 5) % 256, 90)

    return png(size, size, pixel)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=3, help="how many query images to segment (default 3)")
    parser.add_argument("--download", metavar="DIR", help="write each job's result objects to DIR/<jobId>/")
    parser.add_argument("--bad-record", action="store_true",
                        help="also send an undecodable record and expect its FAILED completion and dead letter")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the events (default 120)")
    args = parser.parse_args(argv)

    client = vprompt_client.VpromptClient()
    watcher = client.watch()  # positioned before anything is sent, so no event is missed
    try:
        size = 64
        example_in = client.upload_image(scene(size, (10, 12, 34, 40)))
        example_out = client.upload_image(scene(size, (10, 12, 34, 40), mask=True))
        jobs = []
        for i in range(args.queries):
            x = 6 + 8 * i
            query = client.upload_image(scene(size, (x, 20, x + 22, 48)))
            jobs.append(client.job(query, [(example_in, example_out)], task="SEGMENTATION",
                                   attributes={"client": "python", "query": str(i)}))
        job_ids = client.submit(jobs)

        bad_keys = []
        if args.bad_record:
            bad_id = f"py-bad-{uuid.uuid4()}"
            # a common mistake: a job as JSON instead of Avro. The worker cannot decode it, so only the key ties
            # its FAILED completion and dead letter to this job.
            client.send_raw(bad_id, json.dumps({"jobId": bad_id, "task": "SEGMENTATION"}).encode("utf-8"))
            client.flush()
            bad_keys.append(bad_id)

        missing = watcher.wait(job_ids + bad_keys, args.timeout, dead_letter_keys=bad_keys)
        completions = watcher.completed
        summary = {
            "submitted": job_ids,
            "succeeded": sorted(j for j in job_ids if completions.get(j, {}).get("status") == "SUCCEEDED"),
            "failed": {j: c["error"]["code"] for j, c in completions.items() if c["status"] == "FAILED"},
            "missing": sorted(missing),
            "deadLetters": {k: d["errorCode"] for k, d in watcher.dead_lettered.items()},
            "undecodable": watcher.undecodable,
            "timings": {j: completions[j]["timings"] for j in job_ids if j in completions},
            "model": next(iter(completions.values()))["model"] if completions else None,
            "downloaded": {},
        }
        if args.download:
            for j in summary["succeeded"]:
                summary["downloaded"][j] = [str(p) for p in client.download(completions[j], args.download)]
        print(json.dumps(summary, indent=2, sort_keys=True))
        ok = (len(summary["succeeded"]) == len(job_ids) and not missing
              and all(summary["failed"].get(k) and summary["deadLetters"].get(k) for k in bad_keys))
        return 0 if ok else 1
    finally:
        watcher.close()
        client.close()


if __name__ == "__main__":
    sys.exit(main())
