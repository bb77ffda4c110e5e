package dev.vprompt.cli;

import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.config.WorkerConfigLoader;
import dev.vprompt.worker.lifecycle.Worker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vp worker}: runs a worker until SIGTERM / Ctrl-C, then drains and exits 0. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a vprompt worker against any Kafka + S3.",
            "",
            "Examples:",
            "  ./vp worker --config worker.yaml",
            "  VP_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 VP_S3_ENDPOINT=http://127.0.0.1:9000 \\",
            "  VP_S3_ACCESS_KEY=k VP_S3_SECRET_KEY=s VP_S3_READ=images VP_S3_WRITE=results ./vp worker",
            "",
            "Environment overrides: VP_<SECTION>_<FIELD> in upper snake case, e.g. VP_BATCH_MAX_BATCH_SIZE=16."
        })
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--config", description = "YAML configuration file (see worker/README.md)")
    Path config;

    @Override
    public Integer call() throws Exception {
        WorkerConfig cfg = new WorkerConfigLoader().load(config, System.getenv());
        CountDownLatch stop = Signals.termination();
        try (Worker worker = new Worker(cfg)) {
            worker.start();
            System.out.println("worker " + cfg.workerId() + " running; http port " + worker.httpPort()
                    + " (/health/ready, /metrics); Ctrl-C or SIGTERM to stop");
            stop.await();
            System.out.println("stopping: draining in-flight jobs...");
        }
        System.out.println("worker stopped");
        return 0;
    }
}
