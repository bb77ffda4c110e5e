/**
 * Not API. S3 client construction (MinIO clients whose sockets have TCP_NODELAY set), used when the worker is
 * assembled; it is due to move to the shared client library. The fetch stage lives in {@code internal.fetch}.
 */
package dev.vprompt.worker.fetch;
