package dev.vprompt.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code soak}: steady load on the random tiny model for a long while. Promises no leak and no slow-down: after
 * warm-up each worker's RSS drifts less than {@value #MAX_RSS_DRIFT_PERCENT}%, its live NDArrays do not change, its
 * threads grow by at most {@value #MAX_THREAD_GROWTH}, and no minute's p99 latency exceeds {@value #MAX_P99_RATIO}x
 * the median minute's. Samples RSS ({@code /proc}), {@code jvm_threads_live_threads} and {@code vp_ndarrays_live}
 * every {@link #SAMPLE_EVERY}.
 *
 * <p>Runs on the caller's thread.
 */
final class SoakScenario {

    static final double MAX_RSS_DRIFT_PERCENT = 5;
    static final int MAX_THREAD_GROWTH = 5;
    static final double MAX_P99_RATIO = 2.0;
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);

    private SoakScenario() {}

    static ChaosReport run(ChaosEnvironment env, ChaosSettings s) throws Exception {
        env.start(false, WorkerJvms.SOAK);
        JobLoad load = env.startLoad();
        long start = System.currentTimeMillis();
        Map<String, List<SoakFigures.Sample>> samples = new LinkedHashMap<>();
        env.workers().forEach(w -> samples.put(w.spec().workerId(), new ArrayList<>()));
        long deadline = start + s.sendTime().plus(Duration.ofMinutes(2)).toMillis();
        long nextSample = start;
        int minute = 0;
        while (load.sent() < s.jobs() && System.currentTimeMillis() < deadline) {
            long now = System.currentTimeMillis();
            if (now >= nextSample) {
                for (WorkerProcess w : env.workers()) {
                    sample(w, now - start)
                            .ifPresent(x -> samples.get(w.spec().workerId()).add(x));
                }
                nextSample += SAMPLE_EVERY.toMillis();
            }
            env.completedSoFar();
            if ((now - start) / 60_000 > minute) {
                minute = (int) ((now - start) / 60_000);
                env.say("soak minute " + minute + ": " + load.sent() + " jobs sent, " + env.completedSoFar()
                        + " completed");
            }
            Waits.pause(Duration.ofMillis(500));
        }
        long end = System.currentTimeMillis() - start;
        env.say("load done after " + Outcomes.Durations.text(Duration.ofMillis(end))
                + "; waiting for every completion and commit");
        Duration settled = env.awaitSettled(s.settleTimeout());
        DeliveryTally tally = env.count();

        long warmup = s.soakWarmup().toMillis();
        Map<String, String> figures = new LinkedHashMap<>();
        List<Expectation> expectations = env.deliveryExpectations(tally, settled, figures);
        for (Map.Entry<String, List<SoakFigures.Sample>> e : samples.entrySet()) {
            judge(e.getKey(), SoakFigures.drift(e.getValue(), warmup, end), figures, expectations);
        }
        List<SoakFigures.MinuteP99> minutes = SoakFigures.p99PerMinute(latencies(env, load, start), 0, end);
        List<SoakFigures.MinuteP99> judged = minutes.stream()
                .filter(m -> (m.minute() - 1) * SoakFigures.WINDOW.toMillis() >= warmup)
                .toList();
        StringBuilder perMinute = new StringBuilder();
        for (SoakFigures.MinuteP99 m : minutes) {
            perMinute.append(perMinute.length() == 0 ? "" : " ").append(m.p99Millis());
        }
        figures.put("p99 latency per minute (ms)", perMinute.toString());
        long median = SoakFigures.medianP99(judged);
        long worst = judged.stream()
                .mapToLong(SoakFigures.MinuteP99::p99Millis)
                .max()
                .orElse(0);
        expectations.add(new Expectation(
                "p99 stable after warm-up: worst minute <= " + MAX_P99_RATIO + " x median",
                worst + " ms vs median " + median + " ms",
                !judged.isEmpty() && worst <= MAX_P99_RATIO * median));
        String setup = s.workersText() + ", "
                + s.rate() + " jobs/s for " + Outcomes.Durations.text(s.soakDuration()) + " (" + s.jobs()
                + " jobs), judged after " + Outcomes.Durations.text(s.soakWarmup()) + " of warm-up";
        return new ChaosReport(Scenario.SOAK.command(), s.delivery(), setup, tally, figures, expectations);
    }

    private static Optional<SoakFigures.Sample> sample(WorkerProcess w, long at) {
        OptionalLong rss = w.jvm().rssBytes();
        Optional<String> metrics = w.metrics();
        if (rss.isEmpty() || metrics.isEmpty()) {
            return Optional.empty();
        }
        double threads =
                PromText.value(metrics.get(), "jvm_threads_live_threads").orElse(-1);
        double arrays = PromText.value(metrics.get(), "vp_ndarrays_live").orElse(-1);
        return Optional.of(new SoakFigures.Sample(at, rss.getAsLong(), threads, arrays));
    }

    private static void judge(
            String worker,
            Optional<SoakFigures.Drift> drift,
            Map<String, String> figures,
            List<Expectation> expectations) {
        if (drift.isEmpty()) {
            expectations.add(new Expectation(worker + " sampled after warm-up", "no sample", false));
            return;
        }
        SoakFigures.Drift d = drift.get();
        figures.put(
                worker + " RSS after warm-up -> end",
                String.format(
                        Locale.ROOT,
                        "%.0f -> %.0f MiB (%+.1f%%)",
                        d.rssStart() / (1 << 20),
                        d.rssEnd() / (1 << 20),
                        d.rssDriftPercent()));
        figures.put(
                worker + " JVM threads (most, 1st / 2nd half after warm-up)",
                (long) d.threadsStart() + " / " + (long) d.threadsEnd());
        figures.put(worker + " live NDArrays (min / max)", (long) d.arraysMin() + " / " + (long) d.arraysMax());
        expectations.add(new Expectation(
                worker + " RSS drift < " + MAX_RSS_DRIFT_PERCENT + "%",
                String.format(Locale.ROOT, "%+.1f%%", d.rssDriftPercent()),
                d.rssDriftPercent() < MAX_RSS_DRIFT_PERCENT));
        expectations.add(new Expectation(
                worker + " no NDArray growth",
                (long) d.arraysMin() + " / " + (long) d.arraysMax(),
                d.arraysMax() == d.arraysMin() && d.arraysMin() >= 0));
        expectations.add(new Expectation(
                worker + " threads grow by <= " + MAX_THREAD_GROWTH,
                Long.toString((long) (d.threadsEnd() - d.threadsStart())),
                d.threadsEnd() - d.threadsStart() <= MAX_THREAD_GROWTH));
    }

    /** {@code {completedAt - start, completedAt - sentAt}} of every job's first completion. */
    private static List<long[]> latencies(ChaosEnvironment env, JobLoad load, long start) {
        Map<String, Long> sentAt = load.sentAtMillis();
        List<long[]> out = new ArrayList<>();
        env.firstCompletedAt().forEach((id, done) -> {
            Long sent = sentAt.get(id);
            if (sent != null) {
                out.add(new long[] {done - start, done - sent});
            }
        });
        return out;
    }
}
