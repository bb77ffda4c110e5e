/**
 * Retrieve (internal): for a job that names an example pool instead of examples, picks its examples before anything
 * else is read ({@code ExampleRetriever}): the query is embedded by the served model through the batcher, the pool
 * ({@code PoolCache}: head re-read at most every {@code PoolCache.HEAD_REFRESH}, each version's index read once) is
 * searched for the k nearest pairs, and the job goes on as if it had named them ({@code ResolvedJob}).
 */
package dev.vprompt.worker.internal.retrieve;
