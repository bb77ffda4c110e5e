package dev.vprompt.cli.chaos;

import dev.vprompt.cli.load.SyntheticImages;
import dev.vprompt.client.Connection;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobSubmitter;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers a fixed number of jobs at a steady rate, whatever the pipeline does, and keeps what it needs to count them:
 * the ids the broker acknowledged and when each was first sent. A send that fails (the broker away for longer than
 * the producer's delivery timeout) is sent again with the same job id, and counted as resent.
 *
 * <p>Every job uses one example pair and query, uploaded once. Threads: one sender ({@code vp-chaos-load}); the
 * accessors may be called from any thread.
 */
final class JobLoad implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(JobLoad.class);

    private final JobSubmitter submitter;
    private final JobTemplate template;
    private final List<ExamplePair> pairs;
    private final ObjectRef query;
    private final String runId;
    private final int jobs;
    private final double rate;
    private final ScheduledExecutorService sender;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger resent = new AtomicInteger();
    private final Queue<PromptJob> retries = new ConcurrentLinkedQueue<>();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> sentAtMillis = new ConcurrentHashMap<>();

    private JobLoad(
            JobSubmitter submitter,
            JobTemplate template,
            List<ExamplePair> pairs,
            ObjectRef query,
            String runId,
            int jobs,
            double rate) {
        this.submitter = submitter;
        this.template = template;
        this.pairs = pairs;
        this.query = query;
        this.runId = runId;
        this.jobs = jobs;
        this.rate = rate;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vp-chaos-load");
            t.setDaemon(true);
            return t;
        });
    }

    /** Uploads the images every job uses and opens a producer; nothing is sent before {@link #start()}. */
    static JobLoad prepare(Connection c, String runId, int jobs, double rate) {
        List<ExamplePair> pairs;
        ObjectRef query;
        try (S3ClientFactory s3 = c.s3()) {
            ImageUploader uploader = ImageUploader.of(s3.client(), c);
            uploader.checkBucket();
            pairs = List.of(JobTemplate.pair(
                    uploader.upload(SyntheticImages.photo(160, 120, 1), "png"),
                    uploader.upload(SyntheticImages.mask(160, 120, 1), "png")));
            query = uploader.upload(SyntheticImages.photo(140, 150, 2), "png");
        }
        JobTemplate template = JobTemplate.defaults(c.resultsBucket());
        return new JobLoad(JobSubmitter.open(c), template, pairs, query, runId, jobs, rate);
    }

    void start() {
        long periodNanos = Math.max(1, (long) (1e9 / rate));
        sender.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            PromptJob retry;
            while ((retry = retries.poll()) != null) {
                resent.incrementAndGet();
                send(retry);
            }
            int i = next.get();
            if (i < jobs) {
                String id = runId + "-" + i;
                sentAtMillis.put(id, System.currentTimeMillis());
                send(template.job(id, pairs, query, null, Instant.now()));
                next.incrementAndGet();
            }
        } catch (RuntimeException e) {
            LOGGER.warn("chaos load could not send: {}", e.toString());
        }
    }

    private void send(PromptJob job) {
        submitter.send(job).whenComplete((id, error) -> {
            if (error == null) {
                acked.add(id);
            } else {
                LOGGER.warn(
                        "job not acknowledged, sending it again: jobId={} error={}", job.getJobId(), error.toString());
                retries.add(job);
            }
        });
    }

    int jobs() {
        return jobs;
    }

    /** Jobs handed to the producer so far (first sends). */
    int sent() {
        return next.get();
    }

    Set<String> acked() {
        return Set.copyOf(acked);
    }

    int resent() {
        return resent.get();
    }

    /** When each job was first sent, epoch milliseconds. */
    Map<String, Long> sentAtMillis() {
        return Map.copyOf(sentAtMillis);
    }

    boolean awaitSent(int count, Duration timeout) throws InterruptedException {
        return Waits.until(() -> next.get() >= Math.min(count, jobs), timeout);
    }

    boolean awaitAcked(Duration timeout) throws InterruptedException {
        return Waits.until(() -> acked.size() >= jobs, timeout);
    }

    @Override
    public void close() {
        sender.shutdownNow();
        submitter.close();
    }
}
