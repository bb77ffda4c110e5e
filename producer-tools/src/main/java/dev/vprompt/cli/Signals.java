package dev.vprompt.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a latch, so a long-running command can stop cleanly and exit 0 instead of being torn
 * down by the JVM's default handler (exit 143).
 */
final class Signals {

    private Signals() {}

    static CountDownLatch termination() {
        CountDownLatch latch = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> latch.countDown());
            } catch (IllegalArgumentException e) {
                // signal not available on this platform
            }
        }
        return latch;
    }
}
