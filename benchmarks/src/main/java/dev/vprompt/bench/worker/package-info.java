/**
 * Reserved for the worker's per-job stages (Avro encode/decode of jobs and completion events, S3 request overhead
 * against the embedded S3 server). See the module README.
 */
package dev.vprompt.bench.worker;
