/**
 * Lifecycle: assembling a worker, its operations endpoint, and the shutdown order (stop intake, drain in-flight
 * within a timeout, commit, close clients).
 */
package dev.vprompt.worker.lifecycle;
