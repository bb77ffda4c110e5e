package dev.vprompt.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The flags every {@code vp chaos} scenario shares; a picocli {@code @Mixin}. A flag left out keeps the scenario's
 * default ({@link ChaosSettings#defaults}).
 *
 * <p>Not thread-safe: filled by picocli on the parsing thread.
 */
public final class ChaosOptions {

    @Option(names = "--short", description = "the short variant (200 jobs, 1 kill, 10s outage, 2m soak)")
    boolean brief;

    @Option(names = "--jobs", paramLabel = "N", description = "jobs to offer (kill: 2000, others: 1200)")
    Integer jobs;

    @Option(names = "--rate", paramLabel = "R", description = "jobs per second (40; soak: 1)")
    Double rate;

    @Option(names = "--workers", paramLabel = "N", description = "worker processes (2)")
    Integer workers;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "each worker's pipeline.maxInFlight (16)")
    Integer maxInFlight;

    @Option(names = "--partitions", paramLabel = "N", description = "partitions of the jobs topic (4)")
    Integer partitions;

    @Option(
            names = "--session-timeout",
            paramLabel = "DURATION",
            description = "the workers' consumer session timeout, how long a killed worker keeps its partitions (10s)")
    Duration sessionTimeout;

    @Option(
            names = "--settle-timeout",
            paramLabel = "DURATION",
            description = "after the last job is sent, how long every job has to complete and be committed (5m)")
    Duration settleTimeout;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "stack data, worker configs and logs (default: a new temporary directory)")
    Path workDir;

    @Option(names = "--keep", description = "keep the work directory (always kept when an expectation fails)")
    boolean keep;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the random choices (default: random)")
    Long seed;

    @Option(
            names = "--delivery",
            paramLabel = "MODE",
            description = {
                "the workers' kafka.delivery: at-least-once (default) or exactly-once (completions, dead letters",
                "and offsets in one Kafka transaction; every scenario then expects 0 duplicates)"
            })
    String delivery;

    /** The scenario's defaults with the given flags applied. */
    ChaosSettings settings(
            Scenario scenario, Integer kills, Duration outage, FaultProxy.Fault fault, Duration soak, Duration warmup) {
        ChaosSettings d = ChaosSettings.defaults(scenario, brief);
        Duration soakDuration = soak != null ? soak : d.soakDuration();
        double r = rate != null ? rate : d.rate();
        int n = jobs != null
                ? jobs
                : scenario == Scenario.SOAK ? (int) Math.ceil(r * soakDuration.toSeconds()) : d.jobs();
        return new ChaosSettings(
                scenario,
                n,
                r,
                kills != null ? kills : d.kills(),
                outage != null ? outage : d.outage(),
                fault != null ? fault : d.fault(),
                soakDuration,
                warmup != null ? warmup : soak != null ? soak.dividedBy(brief ? 2 : 4) : d.soakWarmup(),
                workers != null ? workers : d.workers(),
                maxInFlight != null ? maxInFlight : d.maxInFlight(),
                partitions != null ? partitions : d.partitions(),
                sessionTimeout != null ? sessionTimeout : d.sessionTimeout(),
                settleTimeout != null ? settleTimeout : d.settleTimeout(),
                workDir,
                keep,
                seed != null ? seed : d.seed(),
                delivery != null ? delivery : d.delivery());
    }
}
