package dev.vprompt.worker.internal.flow;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the bytes the jobs in flight hold, beside the {@link IntakeGate}'s bound on their number. Each job has an
 * {@link Account} that says what it holds now: its encoded images once read, then its canvases once prepared, then
 * also its encoded results until they are published. When the total reaches {@code maxBytes} the budget
 * {@linkplain IntakeGate#hold() holds} intake, and lets go once it is down to half. It is admission control: jobs
 * already taken in go on (and release what they hold), so the total can pass the bound by what they read.
 *
 * <p>Threading: accounts are updated from any thread (the S3 I/O threads, the CPU pool); the total is atomic, and
 * holding or letting go of the gate runs on the flow's context, which also reads the total there, so updates that
 * arrive out of order still end in the right state.
 */
public final class ByteBudget {

    private final long maxBytes;
    private final IntakeGate gate;
    private final Executor context;
    private final AtomicLong total = new AtomicLong();
    private boolean holding; // context only

    /**
     * @param maxBytes the total at which intake pauses
     * @param context the flow's context, where {@code gate} lives
     */
    public ByteBudget(long maxBytes, IntakeGate gate, Executor context) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.gate = gate;
        this.context = context;
    }

    /** A new job's account, holding nothing yet. */
    public Account open() {
        return new Account();
    }

    /** Bytes held by the jobs in flight now. */
    public long bytes() {
        return total.get();
    }

    private void add(long delta) {
        if (delta != 0) {
            total.addAndGet(delta);
            context.execute(this::apply);
        }
    }

    private void apply() {
        long now = total.get();
        if (!holding && now >= maxBytes) {
            holding = true;
            gate.hold();
        } else if (holding && now <= maxBytes / 2) {
            holding = false;
            gate.unhold();
        }
    }

    /** What one job holds. Thread-safe; the job's stages set it one after the other. */
    public final class Account {

        private final AtomicLong held = new AtomicLong();

        private Account() {}

        /** The job now holds {@code bytes} (replacing what it held before). */
        public void holds(long bytes) {
            add(bytes - held.getAndSet(bytes));
        }

        /** The job now holds {@code bytes} more. */
        public void adds(long bytes) {
            held.addAndGet(bytes);
            add(bytes);
        }

        /** The job left the flow: it holds nothing any more. */
        public void release() {
            holds(0);
        }
    }
}
