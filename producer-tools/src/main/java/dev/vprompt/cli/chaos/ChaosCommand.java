package dev.vprompt.cli.chaos;

import dev.vprompt.cli.options.ConnectionOptions;
import dev.vprompt.client.Connection;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vp chaos}: the reliability scenarios, each with real processes and real servers, and the counter. */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
            "Proves delivery under failures: kill -9, store outage, broker restart, soak.",
            "",
            "Each scenario starts the stack (vp stack, on fixed ports and a data directory)",
            "and two workers (vp worker) as separate JVMs, offers jobs at a steady rate,",
            "breaks something, then reads every completion and dead letter from the",
            "beginning and prints the counter's table and the scenario's expectations.",
            "--delivery exactly-once runs the workers with Kafka transactions (kafka.delivery,",
            "a stable kafka.transactionalId per worker) and expects 0 duplicates.",
            "Exit status: 0 every expectation met, 3 one was not, 1 the run itself failed.",
            "",
            "Examples:",
            "  ./vp chaos kill                       # 2000 jobs, 3 x kill -9 of a worker",
            "  ./vp chaos kill --delivery exactly-once  # the same, 0 duplicates expected",
            "  ./vp chaos store-outage --outage 30s  # S3 unreachable for the workers",
            "  ./vp chaos broker-restart             # Kafka + S3 killed and restarted",
            "  ./vp chaos soak --duration 20m        # random tiny model: memory, threads, p99",
            "  ./vp chaos all --short                # a short run of every scenario",
            "  ./vp chaos count --submitted ids.txt  # the counter alone, against any stack",
            ""
        })
public final class ChaosCommand implements Runnable {

    /** Exit status when the run worked but an expectation was not met. */
    public static final int EXPECTATION_FAILED = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "kill", mixinStandardHelpOptions = true, description = "kill -9 a random worker during the load")
    int kill(
            @Mixin ChaosOptions options,
            @Option(names = "--kills", paramLabel = "N", description = "kills (3; --short: 1)") Integer kills)
            throws Exception {
        return report(ChaosRunner.run(options.settings(Scenario.KILL, kills, null, null, null, null), progress()));
    }

    @Command(
            name = "store-outage",
            mixinStandardHelpOptions = true,
            description = "make the object store unreachable for the workers for a while")
    int storeOutage(
            @Mixin ChaosOptions options,
            @Option(names = "--outage", paramLabel = "DURATION", description = "how long (30s; --short: 10s)")
                    Duration outage,
            @Option(
                            names = "--fault",
                            paramLabel = "refuse|drop",
                            description = "refuse connections (default) or drop their bytes")
                    FaultProxy.Fault fault)
            throws Exception {
        return report(
                ChaosRunner.run(options.settings(Scenario.STORE_OUTAGE, null, outage, fault, null, null), progress()));
    }

    @Command(
            name = "broker-restart",
            mixinStandardHelpOptions = true,
            description = "kill -9 the stack (Kafka + S3) and start it again on the same ports and data")
    int brokerRestart(@Mixin ChaosOptions options) throws Exception {
        return report(
                ChaosRunner.run(options.settings(Scenario.BROKER_RESTART, null, null, null, null, null), progress()));
    }

    @Command(
            name = "soak",
            mixinStandardHelpOptions = true,
            description = "steady load on the random tiny model: RSS drift, NDArrays, threads, p99 per minute")
    int soak(
            @Mixin ChaosOptions options,
            @Option(names = "--duration", paramLabel = "DURATION", description = "how long (20m; --short: 2m)")
                    Duration duration,
            @Option(
                            names = "--warmup",
                            paramLabel = "DURATION",
                            description = "not judged (a quarter of it; --short: half)")
                    Duration warmup)
            throws Exception {
        return report(ChaosRunner.run(options.settings(Scenario.SOAK, null, null, null, duration, warmup), progress()));
    }

    @Command(name = "all", mixinStandardHelpOptions = true, description = "every scenario, one after the other")
    int all(@Mixin ChaosOptions options) throws Exception {
        List<ChaosReport> reports = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            ChaosReport r = ChaosRunner.run(options.settings(s, null, null, null, null, null), progress());
            print(r.render());
            reports.add(r);
        }
        print(ChaosReport.summary(reports));
        return reports.stream().allMatch(ChaosReport::passed) ? 0 : EXPECTATION_FAILED;
    }

    @Command(
            name = "count",
            mixinStandardHelpOptions = true,
            description = {
                "The counter alone: reads every completion and dead letter from the beginning",
                "(read_committed) and prints jobs, duplicates, conflicts, dead letters by code,",
                "missing jobs, committed vs end offsets of the worker group, result objects."
            })
    int count(
            @Mixin ConnectionOptions connectionOptions,
            @Option(names = "--group", paramLabel = "ID", description = "the workers' group (vprompt-workers)")
                    String group,
            @Option(
                            names = "--submitted",
                            paramLabel = "FILE",
                            description = "the submitted job ids, one a line (default: the keys in the jobs topic)")
                    Path submitted,
            @Option(names = "--no-results", description = "do not check the result objects") boolean noResults)
            throws Exception {
        Connection c = connectionOptions.connection();
        DeliveryCounter counter = new DeliveryCounter(
                c,
                group == null ? "vprompt-workers" : group,
                Duration.ofMinutes(2).plus(c.timeout()));
        Set<String> ids = submitted == null
                ? counter.jobIdsInJobsTopic()
                : new LinkedHashSet<>(Files.readAllLines(submitted).stream()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList());
        print(counter.count(ids, !noResults).toTable());
        return 0;
    }

    private int report(ChaosReport r) {
        print(r.render());
        return r.passed() ? 0 : EXPECTATION_FAILED;
    }

    private void print(String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
    }

    private PrintWriter progress() {
        return spec.commandLine().getErr();
    }
}
