/** Helpers shared by the benchmarks: a JMH profiler that reports CPU time per operation. */
package dev.vprompt.bench.support;
