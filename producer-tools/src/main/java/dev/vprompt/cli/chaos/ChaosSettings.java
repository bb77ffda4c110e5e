package dev.vprompt.cli.chaos;

import dev.vprompt.worker.config.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything one chaos scenario needs to run, validated at once.
 *
 * @param scenario which scenario
 * @param jobs jobs offered (the soak derives it from {@code rate} and {@code soakDuration})
 * @param rate jobs offered per second, steadily
 * @param kills worker kills (kill scenario)
 * @param outage how long the object store stays unreachable (store-outage scenario)
 * @param fault how it is unreachable: refused or dropped connections
 * @param soakDuration how long the soak offers load
 * @param soakWarmup the part of the soak that is not judged (heap and caches settle)
 * @param workers worker processes
 * @param maxInFlight each worker's bound on jobs in flight
 * @param partitions partitions of the jobs topic
 * @param sessionTimeout the workers' consumer session timeout (how long a killed worker keeps its partitions)
 * @param settleTimeout how long, after the last job was sent, every job has to complete and be committed
 * @param workDir where the stack's data, the configs and the logs go; null: a new temporary directory
 * @param keep keep the work directory afterwards (it is always kept when an expectation fails)
 * @param seed seed of the random choices (which worker, when)
 * @param delivery the workers' {@code kafka.delivery}: {@value KafkaSettings#DELIVERY_AT_LEAST_ONCE} or
 *     {@value KafkaSettings#DELIVERY_EXACTLY_ONCE}; decides what the scenarios promise about duplicates
 */
record ChaosSettings(
        Scenario scenario,
        int jobs,
        double rate,
        int kills,
        Duration outage,
        FaultProxy.Fault fault,
        Duration soakDuration,
        Duration soakWarmup,
        int workers,
        int maxInFlight,
        int partitions,
        Duration sessionTimeout,
        Duration settleTimeout,
        Path workDir,
        boolean keep,
        long seed,
        String delivery) {

    static final int DEFAULT_KILL_JOBS = 2_000;
    static final int DEFAULT_JOBS = 1_200;
    static final double DEFAULT_RATE = 40;
    static final double DEFAULT_SOAK_RATE = 1;
    static final int DEFAULT_KILLS = 3;
    static final Duration DEFAULT_OUTAGE = Duration.ofSeconds(30);
    static final Duration DEFAULT_SOAK = Duration.ofMinutes(20);
    static final int DEFAULT_WORKERS = 2;
    static final int DEFAULT_MAX_IN_FLIGHT = 16;
    static final int DEFAULT_PARTITIONS = 4;
    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofMinutes(5);
    static final String DEFAULT_DELIVERY = KafkaSettings.DEFAULT_DELIVERY;

    ChaosSettings {
        delivery = delivery == null ? null : delivery.strip().toLowerCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (scenario == null) {
            problems.add("a scenario is required");
        }
        if (jobs < 1) {
            problems.add("--jobs must be >= 1, was " + jobs);
        }
        if (!(rate > 0)) {
            problems.add("--rate must be > 0, was " + rate);
        }
        if (kills < 0) {
            problems.add("--kills must be >= 0, was " + kills);
        }
        if (outage.isNegative() || outage.isZero()) {
            problems.add("--outage must be positive, was " + outage);
        }
        if (soakDuration.compareTo(Duration.ofMinutes(1)) < 0) {
            problems.add("--duration of a soak must be at least 1m, was " + soakDuration);
        }
        if (soakWarmup.isNegative() || soakWarmup.compareTo(soakDuration) >= 0) {
            problems.add("--warmup must be >= 0 and shorter than --duration, was " + soakWarmup);
        }
        if (workers < 1) {
            problems.add("--workers must be >= 1, was " + workers);
        }
        if (maxInFlight < 1) {
            problems.add("--max-in-flight must be >= 1, was " + maxInFlight);
        }
        if (partitions < workers) {
            problems.add("--partitions must be >= --workers (" + workers + "), was " + partitions);
        }
        if (sessionTimeout.compareTo(Duration.ofSeconds(6)) < 0) {
            problems.add("--session-timeout must be >= 6s (the broker's minimum), was " + sessionTimeout);
        }
        if (settleTimeout.isNegative() || settleTimeout.isZero()) {
            problems.add("--settle-timeout must be positive, was " + settleTimeout);
        }
        String deliveryProblem = KafkaSettings.deliveryProblem("--delivery", delivery);
        if (deliveryProblem != null) {
            problems.add(deliveryProblem);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The full scenario's defaults; {@code brief} is the short variant of {@code vp chaos all --short} and CI. */
    static ChaosSettings defaults(Scenario scenario, boolean brief) {
        int jobs = scenario == Scenario.KILL ? DEFAULT_KILL_JOBS : DEFAULT_JOBS;
        double rate = scenario == Scenario.SOAK ? DEFAULT_SOAK_RATE : DEFAULT_RATE;
        Duration soak = DEFAULT_SOAK;
        Duration outage = DEFAULT_OUTAGE;
        int kills = DEFAULT_KILLS;
        if (brief) {
            jobs = 200;
            kills = 1;
            outage = Duration.ofSeconds(10);
            soak = Duration.ofMinutes(2);
        }
        Duration warmup = brief ? soak.dividedBy(2) : soak.dividedBy(4);
        if (scenario == Scenario.SOAK) {
            jobs = (int) Math.ceil(rate * soak.toSeconds());
        }
        return new ChaosSettings(
                scenario,
                jobs,
                rate,
                kills,
                outage,
                FaultProxy.Fault.REFUSE,
                soak,
                warmup,
                DEFAULT_WORKERS,
                DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_PARTITIONS,
                DEFAULT_SESSION_TIMEOUT,
                DEFAULT_SETTLE_TIMEOUT,
                null,
                false,
                System.nanoTime(),
                DEFAULT_DELIVERY);
    }

    /** Whether the workers commit completions and offsets in Kafka transactions: no duplicate is allowed then. */
    boolean exactlyOnce() {
        return KafkaSettings.DELIVERY_EXACTLY_ONCE.equals(delivery);
    }

    /** The start of a report's setup line: {@code "2 workers (null model, maxInFlight 16, exactly-once delivery)"}. */
    String workersText() {
        return workers + " workers (" + (nullModel() ? "null" : "random tiny") + " model, maxInFlight " + maxInFlight
                + ", " + delivery + " delivery)";
    }

    /** Whether the workers serve the null model (every scenario but the soak, which serves the random tiny model). */
    boolean nullModel() {
        return scenario != Scenario.SOAK;
    }

    /** How long the load takes to send every job. */
    Duration sendTime() {
        return Duration.ofMillis((long) Math.ceil(jobs * 1000 / rate));
    }
}
