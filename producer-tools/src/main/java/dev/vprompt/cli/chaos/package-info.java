/**
 * {@code vp chaos}: reliability scenarios with real processes and real servers. A scenario starts the stack ({@code vp
 * stack} on fixed loopback ports and a data directory, so it can be killed and brought back where clients left it)
 * and worker JVMs ({@code vp worker}) from this JVM's class path, offers jobs at a steady rate ({@link
 * dev.vprompt.cli.chaos.JobLoad}), breaks something (SIGKILL of a worker, a {@link dev.vprompt.cli.chaos.FaultProxy}
 * cutting the object store, SIGKILL of the stack, or simply time for a soak), and then counts what was delivered
 * ({@link dev.vprompt.cli.chaos.DeliveryCounter}, {@link dev.vprompt.cli.chaos.DeliveryTally}) against what the
 * scenario promises ({@link dev.vprompt.cli.chaos.Expectation}).
 */
package dev.vprompt.cli.chaos;
