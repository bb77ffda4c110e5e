/**
 * S3 client construction for the worker (MinIO clients whose sockets have TCP_NODELAY set). The fetch stage itself
 * lives in {@code dev.vprompt.worker.internal.fetch}.
 */
package dev.vprompt.worker.fetch;
