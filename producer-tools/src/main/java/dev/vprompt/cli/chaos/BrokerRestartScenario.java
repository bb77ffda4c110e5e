package dev.vprompt.cli.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code broker-restart}: the stack's JVM (Kafka and S3) is killed with SIGKILL while jobs stream in and started again
 * on the same ports and data directory. Promises that workers and clients resume by themselves and nothing is lost.
 *
 * <p>Runs on the caller's thread.
 */
final class BrokerRestartScenario {

    private BrokerRestartScenario() {}

    static ChaosReport run(ChaosEnvironment env, ChaosSettings s) throws Exception {
        env.start(false, WorkerJvms.NULL_MODEL);
        JobLoad load = env.startLoad();
        Duration wait = s.sendTime().plus(Duration.ofMinutes(3));
        load.awaitSent(Math.max(1, (int) (s.jobs() * 0.4)), wait);
        env.say("kill -9 of the stack (Kafka + S3) after " + load.sent() + " jobs sent");
        long t0 = System.nanoTime();
        env.stack().kill();
        env.stack().start(ChaosEnvironment.START_TIMEOUT);
        Duration down = Duration.ofNanos(System.nanoTime() - t0);
        env.say("stack back on the same ports after " + Outcomes.Durations.text(down));
        long t1 = System.nanoTime();
        boolean resumed =
                Waits.until(() -> env.workers().stream().allMatch(w -> w.readyStatus() == 200), Duration.ofMinutes(3));
        Duration toReady = Duration.ofNanos(System.nanoTime() - t1);
        load.awaitAcked(wait);
        env.say("all " + s.jobs() + " jobs sent; waiting for every completion and commit");
        Duration settled = env.awaitSettled(s.settleTimeout());
        DeliveryTally tally = env.count();

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("stack down (kill to ready)", Outcomes.Durations.text(down));
        figures.put("workers ready again", resumed ? "after " + Outcomes.Durations.text(toReady) : "no");
        figures.put("jobs resent by the producer", Integer.toString(load.resent()));
        List<Expectation> expectations = env.deliveryExpectations(tally, settled, figures);
        expectations.add(new Expectation(
                "workers ready again by themselves", resumed ? Outcomes.Durations.text(toReady) : "no", resumed));
        String setup = s.workersText() + ", " + s.jobs() + " jobs at " + s.rate()
                + "/s, the stack killed with SIGKILL and restarted on the same ports and data";
        return new ChaosReport(Scenario.BROKER_RESTART.command(), s.delivery(), setup, tally, figures, expectations);
    }
}
