/**
 * Fetch: asynchronous S3 reads of every image a job references (claim check), with size limits and a mapping of S3
 * errors to permanent (missing object) or transient (dependency down) failures.
 */
package dev.vprompt.worker.internal.fetch;
