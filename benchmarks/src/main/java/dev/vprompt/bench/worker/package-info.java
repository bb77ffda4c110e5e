/**
 * The worker's per-job stages outside the engine: Avro decode of jobs and encode of completion events, and S3 request
 * overhead of the worker's object store (and a candidate client) against the embedded S3 server. See the module
 * README.
 */
package dev.vprompt.bench.worker;
