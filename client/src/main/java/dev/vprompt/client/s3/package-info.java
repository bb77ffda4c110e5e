/**
 * S3 clients configured the way this project needs them, for any S3 endpoint (the embedded server, MinIO, AWS): the
 * MinIO SDK over an OkHttp client with {@code TCP_NODELAY} (OkHttp leaves Nagle's algorithm on, which stalls small
 * PUTs by ~40 ms), bounded timeouts, pool and concurrency ({@link dev.vprompt.client.s3.S3ClientOptions}). The one
 * builder of the project: the worker's fetch and publish stages and the client commands use it.
 */
package dev.vprompt.client.s3;
