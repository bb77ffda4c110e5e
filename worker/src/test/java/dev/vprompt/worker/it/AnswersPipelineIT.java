package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.retrieval.ExamplePool;
import dev.vprompt.engine.retrieval.ExamplePoolFormat;
import dev.vprompt.engine.retrieval.ExampleRef;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.Task;
import dev.vprompt.schemas.UsedExample;
import dev.vprompt.schemas.codec.ReleasedSchemas;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.infer.ModelRuntime;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.lifecycle.Worker;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Better answers per job through a real worker, broker and S3 server on the random model: an ensemble runs as one
 * model call of eight canvases, k example pairs are fused, examples come from a pool in S3, and a version-1
 * producer's job still runs.
 */
@WithStack
class AnswersPipelineIT extends PipelineItBase {

    private static PromptCompleted succeeded(PipelineHarness h, String id) {
        await().atMost(Duration.ofMinutes(2)).until(() -> h.completions.byId().containsKey(id));
        PromptCompleted c = h.completions.byId().get(id);
        assertThat(c.getStatus()).as(id + ": " + c.getError()).isEqualTo(JobStatus.SUCCEEDED);
        return c;
    }

    @Test
    void shouldRunTheEightArrangementsInOneModelCallAndPublishOneFusedMaskWhenTheJobIsAnEnsemble() throws Exception {
        // Given
        h.submit(h.job("ensemble").setEnsemble(true).build());
        h.flush();

        // When
        try (Worker worker = startWorker("w-ens", PipelineHarness.randomModel(), batch(8, 20, 64), pipeline(8))) {
            // Then: one batch of eight canvases, reported as the job's batch; a binary mask; the official scores
            PromptCompleted c = succeeded(h, "ensemble");
            assertThat(worker.metrics().batches()).isEqualTo(1);
            assertThat(worker.metrics().meanBatchSize()).isEqualTo(8.0);
            assertThat(c.getBatch().getId()).isNotEmpty();
            assertThat(c.getBatch().getSize()).isEqualTo(1);
            assertThat(c.getScores()).containsKeys("iou", "color_blind_iou", "accuracy", "iou_exact");
            assertThat(c.getExamples()).hasSize(1);
            assertThat(c.getExamples().get(0).getSimilarity()).isNull();
            RgbImage prediction = new ImageDecoder().decode(h.result("ensemble", "prediction.png"));
            for (int y = 113; y < 224; y++) {
                for (int x = 113; x < 224; x++) {
                    for (int ch = 0; ch < 3; ch++) {
                        assertThat(prediction.get(x, y, ch)).isIn(0, 255);
                    }
                }
            }
        }
    }

    @Test
    void shouldFuseOneCanvasPerPairWhenASegmentationJobCarriesThreePairs() throws Exception {
        // Given: three pairs (the same support three times, then other pictures)
        h.put("support2.png", dev.vprompt.engine.image.PngCodec.encode(PipelineHarness.Shapes.photo(80, 80, 3)));
        h.put("support2_mask.png", dev.vprompt.engine.image.PngCodec.encode(PipelineHarness.Shapes.mask(80, 80, 3)));
        PromptJob job = h.job("three").build();
        List<ExamplePair> pairs = new ArrayList<>(job.getExamples());
        pairs.add(pair("support2.png", "support2_mask.png"));
        pairs.add(pair("support.png", "support_mask.png"));
        h.submit(PromptJob.newBuilder(job).setExamples(pairs).build());
        h.flush();

        // When
        try (Worker worker = startWorker("w-three", PipelineHarness.randomModel(), batch(8, 20, 64), pipeline(8))) {
            // Then
            PromptCompleted c = succeeded(h, "three");
            assertThat(worker.metrics().meanBatchSize()).isEqualTo(3.0);
            assertThat(c.getExamples())
                    .extracting(u -> u.getInput().getKey())
                    .containsExactly("support.png", "support2.png", "support.png");
            assertThat(h.resultExists("three", "mask.png")).isTrue();
        }
    }

    @Test
    void shouldPickTheNearestPairsFromThePoolAndReportThemWhenAJobNamesAnExamplePool() throws Exception {
        // Given: a pool of four pairs embedded by the model the worker serves; the query is one of them
        ModelRuntime runtime = ModelRuntime.create(PipelineHarness.randomModel(), null);
        List<String> inputs = List.of("query.png", "p1.png", "p2.png", "p3.png");
        int[] seeds = {2, 1, 3, 5};
        List<Canvas> canvases = new ArrayList<>();
        List<ExamplePool.Entry> entries = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            RgbImage photo = PipelineHarness.Shapes.photo(70, 90, seeds[i]);
            if (i > 0) {
                h.put(inputs.get(i), dev.vprompt.engine.image.PngCodec.encode(photo));
                h.put(
                        "m" + i + ".png",
                        dev.vprompt.engine.image.PngCodec.encode(PipelineHarness.Shapes.mask(70, 90, seeds[i])));
            }
            canvases.add(new CanvasBuilder().embedding(photo));
            entries.add(new ExamplePool.Entry(
                    new ExampleRef(h.images, inputs.get(i), null),
                    new ExampleRef(h.images, i == 0 ? "query_mask.png" : "m" + i + ".png", null)));
        }
        List<float[]> embeddings;
        try (InferenceBackend backend = runtime.backend("cpu")) {
            embeddings = backend.embed(canvases);
        }
        uploadPool(runtime.identity(), entries, embeddings, "v-it");
        h.submit(h.job("pooled")
                .setExamples(new ArrayList<>())
                .setExamplePool(h.ref("pool/pool.json"))
                .setK(2)
                .build());
        h.submit(h.job("k-too-large")
                .setExamples(new ArrayList<>())
                .setExamplePool(h.ref("pool/pool.json"))
                .setK(4)
                .build());
        h.flush();

        // When
        try (Worker worker = startWorker("w-pool", PipelineHarness.randomModel(), batch(8, 20, 64), pipeline(8))) {
            // Then: two of the three other pairs, most similar first, never the query; the pool cannot give four
            PromptCompleted c = succeeded(h, "pooled");
            assertThat(c.getExamples()).hasSize(2);
            assertThat(c.getExamples()).extracting(u -> u.getInput().getKey()).doesNotContain("query.png");
            assertThat(c.getExamples().get(0).getSimilarity())
                    .isGreaterThanOrEqualTo(c.getExamples().get(1).getSimilarity());
            assertThat(c.getExamplePoolVersion()).isEqualTo("v-it");
            assertThat(c.getScores()).containsKey("iou");
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> h.completions.byId().containsKey("k-too-large"));
            PromptCompleted tooLarge = h.completions.byId().get("k-too-large");
            assertThat(tooLarge.getStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(tooLarge.getError().getCode()).isEqualTo(ErrorCode.EXAMPLE_POOL_UNUSABLE.name());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> h.deadLetters.all().size() == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() == h.endOffsetsTotal());
        }
    }

    @Test
    void shouldRunAJobWrittenWithTheVersion1SchemaWhenAnOldProducerSendsIt() throws Exception {
        // Given: a producer that only knows PromptJob v1 writes a job as generic data
        Schema v1 = ReleasedSchemas.of(PromptJob.getClassSchema()).get(0);
        PromptJob current = h.job("old-producer").build();
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("jobId", current.getJobId())
                .set("submittedAt", current.getSubmittedAt().toEpochMilli())
                .set("task", new GenericData.EnumSymbol(v1.getField("task").schema(), Task.SEGMENTATION.name()))
                .set("examples", List.of(v1Pair(v1, "support.png", "support_mask.png")))
                .set("query", v1Ref(v1, "query.png"))
                .set(
                        "output",
                        new GenericRecordBuilder(v1.getField("output").schema())
                                .set("bucket", current.getOutput().getBucket())
                                .set("prefix", current.getOutput().getPrefix())
                                .build())
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, out);
        h.send("old-producer", out.toByteArray(), Map.of());
        h.flush();

        // When
        try (Worker worker = startWorker("w-v1", PipelineHarness.nullModel(), batch(8, 20, 64), pipeline(8))) {
            // Then
            PromptCompleted c = succeeded(h, "old-producer");
            assertThat(c.getExamples())
                    .extracting(UsedExample::getInput)
                    .extracting(r -> r.getKey())
                    .containsExactly("support.png");
            assertThat(c.getExamplePoolVersion()).isNull();
        }
    }

    private void uploadPool(ModelIdentity model, List<ExamplePool.Entry> entries, List<float[]> e, String version)
            throws Exception {
        int dim = e.get(0).length;
        float[] flat = new float[e.size() * dim];
        for (int i = 0; i < e.size(); i++) {
            System.arraycopy(e.get(i), 0, flat, i * dim, dim);
        }
        ExamplePool pool = new ExamplePool(version, model.name(), model.sha256(), dim, entries, flat);
        String index = ExamplePoolFormat.indexKey("pool", version);
        h.put(index, ExamplePoolFormat.writeIndex(pool));
        h.put(ExamplePoolFormat.headKey("pool"), ExamplePoolFormat.writeHead(pool, index));
    }

    private ExamplePair pair(String input, String output) {
        return ExamplePair.newBuilder()
                .setInput(h.ref(input))
                .setOutput(h.ref(output))
                .build();
    }

    private GenericRecord v1Pair(Schema v1, String input, String output) {
        return new GenericRecordBuilder(v1.getField("examples").schema().getElementType())
                .set("input", v1Ref(v1, input))
                .set("output", v1Ref(v1, output))
                .build();
    }

    private GenericRecord v1Ref(Schema v1, String key) {
        return new GenericRecordBuilder(v1.getField("query").schema())
                .set("bucket", h.images)
                .set("key", key)
                .build();
    }
}
