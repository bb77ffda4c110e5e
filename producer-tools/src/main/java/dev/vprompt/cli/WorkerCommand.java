package dev.vprompt.cli;

import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.config.WorkerConfigLoader;
import dev.vprompt.worker.lifecycle.Worker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vp worker}: runs a worker until SIGTERM / Ctrl-C, then drains and exits 0. A signal before the worker is ready
 * (loading the configuration, downloading or warming up the model) stops it at once, also with exit 0.
 *
 * <p>Threading: runs on the main thread; a signal cancels the start from the {@code vp-signal} thread.
 */
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
final class WorkerCommand implements Callable<Integer>, StopsOnSignal {

    @Option(names = "--config", description = "YAML configuration file (see worker/README.md)")
    Path config;

    @Override
    public Integer call() throws Exception {
        Signals.Termination stop = Signals.claim();
        WorkerConfig cfg = new WorkerConfigLoader().load(config, System.getenv());
        try (Worker worker = new Worker(cfg)) {
            stop.onSignal(worker::cancelStart);
            try {
                worker.start();
            } catch (Exception e) {
                if (stop.signalled()) {
                    System.out.println("worker " + cfg.workerId() + " stopped before ready");
                    return 0;
                }
                throw e;
            }
            System.out.println("worker " + cfg.workerId() + " running; http port " + worker.httpPort()
                    + " (/health/ready, /metrics); Ctrl-C or SIGTERM to stop");
            stop.await();
            System.out.println("stopping: draining in-flight jobs...");
        }
        System.out.println("worker stopped");
        return 0;
    }
}
