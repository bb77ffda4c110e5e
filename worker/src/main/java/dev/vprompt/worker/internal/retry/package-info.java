/**
 * Retry (internal): {@code RetryPolicy} retries an operation's transient failures with exponential backoff and jitter
 * ({@code Backoff}) while its {@code RetryBudget} allows, and tells a {@code RetryListener} what it does. Permanent
 * failures pass through at once.
 */
package dev.vprompt.worker.internal.retry;
