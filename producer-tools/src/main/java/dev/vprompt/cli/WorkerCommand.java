package dev.vprompt.cli;

import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.config.WorkerConfigLoader;
import dev.vprompt.worker.lifecycle.Worker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vp worker}: runs a worker until SIGTERM / Ctrl-C, then drains and exits 0. A signal before the worker is ready
 * (loading the configuration, downloading or warming up the model) stops it at once, also with exit 0. When the worker
 * can no longer work (a thread it needs has died, see {@link Worker#whenFailed()}) it is closed and the command exits
 * {@value #EXIT_WORKER_FAILED}, so an orchestrator restarts it.
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

    /** Exit status when the worker failed while running (EX_SOFTWARE). */
    static final int EXIT_WORKER_FAILED = 70;

    @Option(names = "--config", description = "YAML configuration file (see worker/README.md)")
    Path config;

    @Override
    public Integer call() throws Exception {
        Signals.Termination stop = Signals.claim();
        WorkerConfig cfg = new WorkerConfigLoader().load(config, System.getenv());
        String failed;
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
            CountDownLatch stopOrFailed = new CountDownLatch(1);
            stop.onSignal(stopOrFailed::countDown);
            worker.whenFailed().thenRun(stopOrFailed::countDown);
            System.out.println("worker " + cfg.workerId() + " running; http port " + worker.httpPort()
                    + " (/health/ready, /metrics); Ctrl-C or SIGTERM to stop");
            stopOrFailed.await();
            failed = worker.whenFailed().getNow(null);
            System.out.println(
                    failed == null
                            ? "stopping: draining in-flight jobs..."
                            : "worker failed: " + failed + "; stopping (uncommitted jobs are redelivered)");
        }
        System.out.println("worker stopped");
        return failed == null ? 0 : EXIT_WORKER_FAILED;
    }
}
