/**
 * Public API. {@link dev.vprompt.worker.lifecycle.Worker} and its {@link dev.vprompt.worker.lifecycle.WorkerState}
 * (the table of allowed moves). Package-private: how the parts are built in dependency order and closed in shutdown
 * order (stop intake, drain within a timeout, commit, close clients), and the operations endpoint.
 */
package dev.vprompt.worker.lifecycle;
