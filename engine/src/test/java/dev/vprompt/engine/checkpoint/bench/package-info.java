/** Manual benchmarks of the checkpoint readers (run with {@code main}, not part of the test suite). */
package dev.vprompt.engine.checkpoint.bench;
