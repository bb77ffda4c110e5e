package dev.vprompt.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for the {@code vp} process. {@link #install()} runs first thing in {@code main}, so that a signal
 * is never lost to the JVM's default handler (exit 143) while the command line is parsed or a configuration loaded. A
 * long-running command that stops cleanly {@link #claim() claims} the signals and gets a {@link Termination}, which
 * also reports a signal that arrived before the claim; every other command {@link #release() releases} them, which
 * restores the default handlers and re-raises a signal that arrived in between, so those commands end as they always
 * did.
 *
 * <p>Thread-safe: the JVM calls handlers on a thread of its own; the state is guarded by the class's lock.
 */
final class Signals {

    private static final String[] NAMES = {"TERM", "INT"};
    private static final List<Signal> PENDING = new ArrayList<>();
    private static final List<SignalHandler> DEFAULTS = new ArrayList<>();
    private static Termination claimed;
    private static boolean installed;

    private Signals() {}

    /** Records TERM and INT from now on, until a command claims or releases them. Called once, from {@code main}. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (String name : NAMES) {
            try {
                DEFAULTS.add(Signal.handle(new Signal(name), Signals::received));
            } catch (IllegalArgumentException e) {
                // signal not available on this platform
            }
        }
    }

    private static synchronized void received(Signal s) {
        if (claimed != null) {
            claimed.signal();
        } else {
            PENDING.add(s);
        }
    }

    /**
     * Takes TERM and INT for a command that stops cleanly (installing the handlers when {@code main} did not, as in
     * tests): each signal, including one received before this call, triggers the returned termination.
     */
    static synchronized Termination claim() {
        if (claimed == null) {
            claimed = new Termination();
        }
        if (!installed) {
            install();
        }
        if (!PENDING.isEmpty()) {
            PENDING.clear();
            claimed.signal();
        }
        return claimed;
    }

    /** {@link #claim()} as a latch that opens on the first signal. */
    static CountDownLatch termination() {
        CountDownLatch latch = new CountDownLatch(1);
        claim().onSignal(latch::countDown);
        return latch;
    }

    /** Gives TERM and INT back to the JVM's defaults and re-raises one that arrived meanwhile; for other commands. */
    static synchronized void release() {
        if (!installed || claimed != null) {
            return;
        }
        for (int i = 0; i < DEFAULTS.size(); i++) {
            Signal.handle(new Signal(NAMES[i]), DEFAULTS.get(i));
        }
        installed = false;
        DEFAULTS.clear();
        for (Signal s : PENDING) {
            Signal.raise(s);
        }
        PENDING.clear();
    }

    /**
     * A request to stop: {@link #await()} returns once a signal came, and listeners added with {@link #onSignal} run
     * on a thread of their own ({@code vp-signal}), once, so a handler never blocks the JVM's signal dispatch.
     *
     * <p>Thread-safe.
     */
    static final class Termination {

        private final CountDownLatch latch = new CountDownLatch(1);
        private final List<Runnable> listeners = new ArrayList<>();

        private void signal() {
            List<Runnable> run;
            synchronized (this) {
                if (latch.getCount() == 0) {
                    return;
                }
                latch.countDown();
                run = List.copyOf(listeners);
            }
            run.forEach(Termination::runAside);
        }

        /** Runs {@code listener} when a signal comes, or at once when one came already. */
        void onSignal(Runnable listener) {
            synchronized (this) {
                if (latch.getCount() > 0) {
                    listeners.add(listener);
                    return;
                }
            }
            runAside(listener);
        }

        boolean signalled() {
            return latch.getCount() == 0;
        }

        void await() throws InterruptedException {
            latch.await();
        }

        private static void runAside(Runnable listener) {
            Thread t = new Thread(listener, "vp-signal");
            t.setDaemon(true);
            t.start();
        }
    }
}
