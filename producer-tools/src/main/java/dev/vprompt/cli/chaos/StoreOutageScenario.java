package dev.vprompt.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code store-outage}: the object store becomes unreachable for the workers (a {@link FaultProxy} between them and
 * S3 refuses or drops connections) while jobs stream in, then comes back. Promises that an outage of a dependency is
 * waited out, not turned into failures: no dead letter, every job succeeds after it, and during it every worker pauses
 * its partitions and reports not ready ({@code /health/ready} 503).
 *
 * <p>Runs on the caller's thread.
 */
final class StoreOutageScenario {

    private static final Duration OBSERVE = Duration.ofMillis(500);

    private StoreOutageScenario() {}

    /** What one worker showed while the store was away. */
    private static final class Watch {
        int probes;
        int notReady;
        double maxPaused;
        long firstNotReadyMillis = -1;
        final java.util.Map<String, Integer> down = new java.util.TreeMap<>();
    }

    static ChaosReport run(ChaosEnvironment env, ChaosSettings s) throws Exception {
        env.start(true, WorkerJvms.NULL_MODEL);
        JobLoad load = env.startLoad();
        Duration wait = s.sendTime().plus(Duration.ofMinutes(2));
        load.awaitSent(Math.max(1, s.jobs() / 4), wait);
        env.say("cutting the object store (" + s.fault() + ") for " + Outcomes.Durations.text(s.outage()) + " after "
                + load.sent() + " jobs sent");
        env.proxy().cut(s.fault());
        long t0 = System.nanoTime();
        long cutAt = System.currentTimeMillis();
        List<Watch> watches = new ArrayList<>();
        env.workers().forEach(w -> watches.add(new Watch()));
        while (System.nanoTime() - t0 < s.outage().toNanos()) {
            for (int i = 0; i < env.workers().size(); i++) {
                observe(env.workers().get(i), watches.get(i), t0);
            }
            env.completedSoFar();
            Waits.pause(OBSERVE);
        }
        long restoredAt = System.currentTimeMillis();
        env.proxy().restore();
        env.say("object store back after " + Outcomes.Durations.text(Duration.ofNanos(System.nanoTime() - t0)));
        long t1 = System.nanoTime();
        boolean readyAgain =
                Waits.until(() -> env.workers().stream().allMatch(w -> w.readyStatus() == 200), Duration.ofMinutes(2));
        Duration backToReady = Duration.ofNanos(System.nanoTime() - t1);
        load.awaitAcked(wait);
        env.say("all " + s.jobs() + " jobs sent; waiting for every completion and commit");
        Duration settled = env.awaitSettled(s.settleTimeout());
        DeliveryTally tally = env.count();
        // by the workers' own completion times: the reader may still be catching up on earlier events at the cut
        long completedDuring = env.firstCompletedAt().values().stream()
                .filter(at -> at >= cutAt && at < restoredAt)
                .count();

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("jobs completed during the outage (their events' completedAt)", Long.toString(completedDuring));
        List<Expectation> expectations = env.deliveryExpectations(tally, settled, figures);
        for (int i = 0; i < watches.size(); i++) {
            Watch w = watches.get(i);
            String id = env.workers().get(i).spec().workerId();
            figures.put(
                    id + " during the outage",
                    "not ready in " + w.notReady + " of " + w.probes + " probes"
                            + (w.firstNotReadyMillis >= 0 ? " (first after " + w.firstNotReadyMillis + " ms)" : "")
                            + (w.down.isEmpty() ? "" : ", checks down " + w.down)
                            + ", most partitions paused " + (long) w.maxPaused);
            expectations.add(new Expectation(
                    id + " readiness 503 during the outage",
                    w.notReady + " of " + w.probes + " probes",
                    w.notReady > 0));
            expectations.add(new Expectation(
                    id + " partitions paused during the outage", "most " + (long) w.maxPaused, w.maxPaused > 0));
        }
        figures.put("every worker ready again", readyAgain ? "after " + Outcomes.Durations.text(backToReady) : "no");
        expectations.add(new Expectation(
                "every worker ready again after the outage",
                readyAgain ? Outcomes.Durations.text(backToReady) : "no",
                readyAgain));
        String setup = s.workersText() + ", " + s.jobs()
                + " jobs at " + s.rate() + "/s, object store "
                + (s.fault() == FaultProxy.Fault.REFUSE ? "refusing connections" : "dropping every byte") + " for "
                + Outcomes.Durations.text(s.outage());
        return new ChaosReport(Scenario.STORE_OUTAGE.command(), s.delivery(), setup, tally, figures, expectations);
    }

    private static void observe(WorkerProcess worker, Watch watch, long t0) {
        watch.probes++;
        WorkerProcess.Readiness readiness = worker.readiness();
        readiness.down().forEach(check -> watch.down.merge(check, 1, Integer::sum));
        int status = readiness.status();
        if (status != 200) {
            watch.notReady++;
            if (watch.firstNotReadyMillis < 0) {
                watch.firstNotReadyMillis = (System.nanoTime() - t0) / 1_000_000;
            }
        }
        worker.metrics()
                .flatMap(m -> KillScenario.boxed(PromText.value(m, "vp_partitions_paused")))
                .ifPresent(p -> watch.maxPaused = Math.max(watch.maxPaused, p));
    }
}
