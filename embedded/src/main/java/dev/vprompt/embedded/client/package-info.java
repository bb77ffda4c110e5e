/**
 * S3 clients configured the way this project needs them, for any S3 endpoint (the embedded server, MinIO, AWS): the
 * MinIO SDK over an OkHttp client with {@code TCP_NODELAY} (OkHttp leaves Nagle's algorithm on, which stalls small
 * PUTs by ~40 ms) and bounded timeouts. Nothing here depends on the embedded servers; the worker uses it too.
 */
package dev.vprompt.embedded.client;
