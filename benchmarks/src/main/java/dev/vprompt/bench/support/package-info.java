/**
 * Helpers shared by the benchmarks: JMH profilers that report CPU time per operation (of the whole JVM, or of the
 * threads a name pattern selects), and the A/B comparison of two builds.
 */
package dev.vprompt.bench.support;
