package dev.vprompt.cli;

import dev.vprompt.client.Connection;
import dev.vprompt.client.EnvNames;
import dev.vprompt.client.StackFile;
import dev.vprompt.embedded.EmbeddedKafkaConfig;
import dev.vprompt.embedded.EmbeddedS3Config;
import dev.vprompt.embedded.EmbeddedStack;
import dev.vprompt.embedded.StackEndpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vp stack}: the embedded Kafka + S3 with vprompt's topics and buckets, until Ctrl-C. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Kafka + S3 in this process, with vprompt's topics and buckets.",
            "",
            "Starts a real Kafka broker and a real S3 server on 127.0.0.1, creates the",
            "topics vp.jobs, vp.completions, vp.jobs.dlq and the buckets vp-images,",
            "vp-results, prints where they are and runs until Ctrl-C. While it runs the",
            "endpoints are also in ~/.vprompt/stack.env (or $VP_STACK_FILE): `source` it,",
            "and the other vp commands read it when no flag or VP_* variable is given.",
            "",
            "Examples:",
            "  ./vp stack                        # in memory, gone on Ctrl-C",
            "  ./vp stack --data-dir /tmp/vp --topics-partitions 6",
            "  ./vp stack --data-dir /tmp/vp --kafka-port 19092 --s3-port 19000   # restartable:",
            "      # stopped (even with kill -9) and started again, it serves the same data there",
            "  # then, in another shell:",
            "  source ~/.vprompt/stack.env",
            "  VP_MODEL_NULL_MODEL=true VP_HTTP_PORT=0 ./vp worker",
            ""
        })
final class StackCommand implements Callable<Integer>, StopsOnSignal {

    static final int DEFAULT_PARTITIONS = 3;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--topics-partitions",
            paramLabel = "N",
            description = "partitions per topic: the most workers that can share the jobs (default 3)")
    int partitions = DEFAULT_PARTITIONS;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "keep Kafka's log and the buckets in DIR (kafka/, s3/) across restarts; default: memory")
    Path dataDir;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            description = "Kafka's client port on 127.0.0.1 (default 0: any free port)")
    int kafkaPort = EmbeddedKafkaConfig.ANY_PORT;

    @Option(
            names = "--s3-port",
            paramLabel = "PORT",
            description = "the S3 server's port on 127.0.0.1 (default 0: any free port)")
    int s3Port = EmbeddedS3Config.ANY_PORT;

    @Option(
            names = "--state-file",
            paramLabel = "FILE",
            description = "where to write the export lines while running (default $VP_STACK_FILE or "
                    + "~/.vprompt/stack.env)")
    Path stateFile;

    private final Supplier<CountDownLatch> stopSignal;

    StackCommand() {
        this(Signals::termination);
    }

    /** For tests: the command stops when the supplied latch opens. */
    StackCommand(Supplier<CountDownLatch> stopSignal) {
        this.stopSignal = stopSignal;
    }

    @Override
    public Integer call() throws Exception {
        if (partitions < 1) {
            throw new IllegalArgumentException("--topics-partitions must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        StackFile file = stateFile != null ? new StackFile(stateFile) : StackFile.defaultLocation(System.getenv());
        CountDownLatch stop = stopSignal.get();
        spec.commandLine().getErr().println("vp stack: starting Kafka and S3 on 127.0.0.1...");
        try (EmbeddedStack stack = start()) {
            stack.createTopics(
                    partitions,
                    Connection.DEFAULT_JOBS_TOPIC,
                    Connection.DEFAULT_COMPLETIONS_TOPIC,
                    Connection.DEFAULT_DEAD_LETTER_TOPIC);
            stack.createBuckets(Connection.DEFAULT_IMAGES_BUCKET, Connection.DEFAULT_RESULTS_BUCKET);
            Map<String, String> vars = exports(stack.endpoints());
            file.write(vars);
            try {
                out.print(banner(stack.endpoints(), vars, file.path()));
                out.flush();
                stop.await();
                spec.commandLine().getErr().println("vp stack: stopping");
            } finally {
                file.delete();
            }
        }
        return 0;
    }

    /** Kafka formats its storage only when {@code kafka/} is new; an existing one keeps its logs and metadata. */
    private EmbeddedStack start() throws IOException {
        EmbeddedKafkaConfig.Builder kafka = EmbeddedKafkaConfig.builder().brokerPort(kafkaPort);
        EmbeddedS3Config s3 = EmbeddedS3Config.defaults();
        if (dataDir != null) {
            kafka.dataDirectory(Files.createDirectories(dataDir.resolve("kafka")));
            s3 = EmbeddedS3Config.onDisk(Files.createDirectories(dataDir.resolve("s3")));
        }
        return EmbeddedStack.start(kafka.build(), s3.withPort(s3Port));
    }

    /** The variables that point {@code vp worker} and the client commands at this stack. */
    static Map<String, String> exports(StackEndpoints e) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(EnvNames.BOOTSTRAP, e.kafkaBootstrap());
        vars.put(EnvNames.S3_ENDPOINT, e.s3Endpoint().toString());
        vars.put(EnvNames.S3_ACCESS_KEY, e.s3AccessKey());
        vars.put(EnvNames.S3_SECRET_KEY, e.s3SecretKey());
        vars.put(EnvNames.S3_REGION, e.s3Region());
        // least privilege: jobs read the images bucket and write only their results
        vars.put(EnvNames.S3_READ, Connection.DEFAULT_IMAGES_BUCKET);
        vars.put(EnvNames.S3_WRITE, Connection.DEFAULT_RESULTS_BUCKET);
        // Clients (the CLI, the Python client, your own) read these names; the worker reads the topics too.
        vars.put(EnvNames.JOBS_TOPIC, Connection.DEFAULT_JOBS_TOPIC);
        vars.put(EnvNames.COMPLETIONS_TOPIC, Connection.DEFAULT_COMPLETIONS_TOPIC);
        vars.put(EnvNames.DEAD_LETTER_TOPIC, Connection.DEFAULT_DEAD_LETTER_TOPIC);
        vars.put(EnvNames.IMAGES_BUCKET, Connection.DEFAULT_IMAGES_BUCKET);
        vars.put(EnvNames.RESULTS_BUCKET, Connection.DEFAULT_RESULTS_BUCKET);
        return vars;
    }

    private String banner(StackEndpoints e, Map<String, String> vars, Path file) {
        String topics = String.join(
                ", ",
                Connection.DEFAULT_JOBS_TOPIC,
                Connection.DEFAULT_COMPLETIONS_TOPIC,
                Connection.DEFAULT_DEAD_LETTER_TOPIC);
        return "vprompt stack running on 127.0.0.1 (Ctrl-C to stop)\n\n"
                + "  Kafka bootstrap  " + e.kafkaBootstrap() + "\n"
                + "  topics           " + topics + " (" + partitions + " partitions each)\n"
                + "  S3 endpoint      " + e.s3Endpoint() + "\n"
                + "  S3 access key    " + e.s3AccessKey() + "\n"
                + "  S3 secret key    " + e.s3SecretKey() + "\n"
                + "  S3 region        " + e.s3Region() + "\n"
                + "  buckets          " + Connection.DEFAULT_IMAGES_BUCKET + ", " + Connection.DEFAULT_RESULTS_BUCKET
                + "\n"
                + "  storage          " + (dataDir == null ? "memory (lost on stop)" : dataDir) + "\n\n"
                + "In another shell (the same lines are in " + file + "; `source` it):\n"
                + StackFile.exportLines(vars)
                + "\nthen, for example:\n"
                + "  VP_MODEL_NULL_MODEL=true VP_HTTP_PORT=0 ./vp worker   # a worker (null model: pipeline only)\n"
                + "  ./vp loadgen --concurrency 8 --duration 30s\n"
                + "  ./vp submit --examples examples/ --queries queries/ --wait\n";
    }
}
