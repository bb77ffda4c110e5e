package dev.vprompt.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code kill}: SIGKILL a random worker several times while jobs are processed (at evenly spread numbers of completed
 * jobs, with jitter), restarting it each time. Promises nothing missing, nothing dead-lettered and every offset
 * committed; with at-least-once delivery no more duplicates than the jobs left uncommitted at the kills (what a killed
 * worker may have published but not committed), with exactly-once delivery no duplicate at all (a killed worker's open
 * transaction is aborted when its successor, with the same transactional id, starts).
 *
 * <p>Runs on the caller's thread.
 */
final class KillScenario {

    private KillScenario() {}

    static ChaosReport run(ChaosEnvironment env, ChaosSettings s) throws Exception {
        env.start(false, WorkerJvms.NULL_MODEL);
        Random random = new Random(s.seed());
        JobLoad load = env.startLoad();
        Map<String, String> figures = new LinkedHashMap<>();
        long uncommittedAtKills = 0;
        long inFlightAtKills = 0;
        List<String> restarts = new ArrayList<>();
        Duration wait = s.sendTime().plus(Duration.ofMinutes(2));
        for (int k = 1; k <= s.kills(); k++) {
            double at = (k + (random.nextDouble() - 0.5) * 0.5) / (s.kills() + 1);
            int completed = (int) Math.max(1, Math.round(at * s.jobs()));
            // kill points follow the completions, not the sends: a slow machine builds a backlog, and a kill must
            // still land while jobs are being processed
            Waits.until(() -> env.completedSoFar() >= completed, wait);
            WorkerProcess victim =
                    env.workers().get(random.nextInt(env.workers().size()));
            double inFlight = victim.metrics()
                    .flatMap(m -> boxed(PromText.value(m, "vp_in_flight")))
                    .orElse(0.0);
            long uncommitted = env.counter().offsets().uncommitted();
            int sentAtKill = load.sent();
            int doneAtKill = env.completedSoFar();
            victim.kill();
            long t0 = System.nanoTime();
            env.say("kill " + k + "/" + s.kills() + ": SIGKILL " + victim.spec().workerId() + " after " + doneAtKill
                    + " of " + sentAtKill + " jobs sent had completed (" + (long) inFlight + " in flight, "
                    + uncommitted
                    + " uncommitted)");
            victim.start();
            boolean ready = victim.awaitReady(ChaosEnvironment.START_TIMEOUT);
            Duration back = Duration.ofNanos(System.nanoTime() - t0);
            restarts.add(victim.spec().workerId() + " at " + doneAtKill + " completed / " + sentAtKill + " sent: "
                    + (long) inFlight
                    + " in flight, "
                    + uncommitted + " uncommitted, "
                    + (ready ? "ready again in " + Outcomes.Durations.text(back) : "NOT ready again"));
            inFlightAtKills += (long) inFlight;
            uncommittedAtKills += uncommitted;
        }
        load.awaitAcked(wait);
        env.say("all " + s.jobs() + " jobs sent; waiting for every completion and commit");
        Duration settled = env.awaitSettled(s.settleTimeout());
        DeliveryTally tally = env.count();
        for (int i = 0; i < restarts.size(); i++) {
            figures.put("kill " + (i + 1), restarts.get(i));
        }
        figures.put("in flight at the kills (vp_in_flight)", Long.toString(inFlightAtKills));
        figures.put("uncommitted at the kills (end - committed)", Long.toString(uncommittedAtKills));
        figures.put("jobs resent by the producer", Integer.toString(load.resent()));
        List<Expectation> expectations = env.deliveryExpectations(tally, settled, figures);
        if (!s.exactlyOnce()) {
            expectations.add(Expectation.atMost(
                    "duplicates <= uncommitted at the kills (" + uncommittedAtKills + ")",
                    uncommittedAtKills,
                    tally.duplicates()));
        }
        String setup = s.workersText() + ", " + s.jobs() + " jobs at " + s.rate() + "/s, " + s.kills()
                + " x kill -9 of a random worker, restarted each time";
        return new ChaosReport(Scenario.KILL.command(), s.delivery(), setup, tally, figures, expectations);
    }

    static java.util.Optional<Double> boxed(java.util.OptionalDouble d) {
        return d.isPresent() ? java.util.Optional.of(d.getAsDouble()) : java.util.Optional.empty();
    }
}
