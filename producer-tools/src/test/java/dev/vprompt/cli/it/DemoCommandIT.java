package dev.vprompt.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.cli.report.HtmlReport;
import dev.vprompt.worker.infer.BundledModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs {@code vp demo} for real (embedded Kafka + S3 + worker in this JVM) and checks what it wrote. */
class DemoCommandIT {

    private static final Pattern SECTION =
            Pattern.compile("<section class=\"job [A-Z_]+\" id=\"job-([^\"]+)\"(.*?)</section>", Pattern.DOTALL);
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");
    private static final Pattern SCORE = Pattern.compile("<td class=\"score\" data-name=\"([^\"]+)\">([^<]+)<");
    private static final Pattern TIMING = Pattern.compile("<td class=\"timing\" data-name=\"([^\"]+)\">(\\d+)<");

    private static DemoFixture demo;
    private static String html;

    @BeforeAll
    static void runDemo() throws Exception {
        demo = DemoFixture.get();
        Path index = demo.out.resolve(HtmlReport.INDEX);
        html = Files.exists(index) ? Files.readString(index) : "";
    }

    @Test
    void shouldExitZeroAndPrintTheReportPathWhenEveryJobSucceeds() {
        assertThat(demo.run.exitCode()).as("stderr: %s", demo.run.err()).isZero();
        Path index = demo.out.resolve(HtmlReport.INDEX).toAbsolutePath();
        assertThat(index).exists();
        assertThat(demo.run.out().strip()).endsWith("report: " + index);
    }

    @Test
    void shouldNameTheBuiltInModelWithoutAWarningWhenNoModelIsGiven() {
        assertThat(demo.run.firstLine()).doesNotStartWith(HtmlReport.UNTRAINED_WARNING);
        assertThat(html).doesNotContain(HtmlReport.UNTRAINED_WARNING).contains(BundledModel.NAME);
    }

    @Test
    void shouldShowEveryJobWithItsImagesScoresAndTimings() {
        // Given
        List<String> ids = new ArrayList<>();
        Matcher section = SECTION.matcher(html);
        while (section.find()) {
            String id = section.group(1);
            String content = section.group(2);
            ids.add(id);
            // Then: images exist as files next to the report
            List<String> images = all(IMG, content, 1);
            assertThat(images).as(id).contains(id + "/canvas.png", id + "/prediction.png", id + "/truth.png");
            for (String src : images) {
                assertThat(demo.out.resolve(src)).as("%s of %s", src, id).isRegularFile();
                assertThat(sizeOf(demo.out.resolve(src))).as(src).isPositive();
            }
            // and numbers: scores and the stage timings
            assertThat(all(SCORE, content, 2))
                    .as("scores of %s", id)
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v).matches("n/a|-?\\d+\\.\\d{4}"));
            assertThat(all(TIMING, content, 1)).as(id).contains("fetch", "prepare", "batch_wait", "infer", "total");
            assertThat(content).as(id).contains("data-status=\"SUCCEEDED\"");
        }
        assertThat(ids).hasSize(DemoFixture.JOBS);
        assertThat(ids).anyMatch(i -> i.endsWith("segmentation")).anyMatch(i -> i.endsWith("synthetic"));
        assertThat(ids).anyMatch(i -> i.endsWith("detection")).anyMatch(i -> i.endsWith("colorization"));
    }

    @Test
    void shouldWriteTheSummaryJsonWithCountsScoresAndThroughput() throws Exception {
        JsonNode s = new ObjectMapper().readTree(demo.summary.toFile());
        assertThat(s.get("jobs").asInt()).isEqualTo(DemoFixture.JOBS);
        assertThat(s.get("byStatus").get("SUCCEEDED").asInt()).isEqualTo(DemoFixture.JOBS);
        assertThat(s.get("jobsPerSecond").asDouble()).isPositive();
        assertThat(s.get("meanBatchSize").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(s.get("modelMeaningful").asBoolean()).isTrue();
        double iou = s.get("meanScores").get("segmentation").get("iou").asDouble();
        assertThat(iou).isBetween(0.0, 1.0);
        assertThat(s.get("meanScores").get("colorization").get("mse").asDouble())
                .isPositive();
    }

    private static List<String> all(Pattern p, String text, int group) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(group));
        }
        return out;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
