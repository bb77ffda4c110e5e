/**
 * Not API: the worker's implementation, free to change without notice. One package per pipeline stage, in the order
 * data flows ({@code ingest → retrieve → fetch → prompt → batch → infer → publish}), plus {@code flow} (the stage chain, intake
 * gate), {@code retry} (retrying transient failures) and {@code job} (what every stage says about a job: error
 * codes, failures, timings). Embedders use {@code config}, {@code lifecycle}, {@code infer} and {@code metrics}.
 */
package dev.vprompt.worker.internal;
