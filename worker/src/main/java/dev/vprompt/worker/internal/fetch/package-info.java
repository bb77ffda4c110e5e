/**
 * Fetch (internal): asynchronous S3 reads of the images a job references (claim check), in parallel, with size limits
 * and a mapping of S3 errors to permanent (missing object) or transient (dependency down) failures. Examples the
 * caller already holds (cached cells, see {@code prompt}) are not read; fetch knows nothing of cells or caching.
 */
package dev.vprompt.worker.internal.fetch;
