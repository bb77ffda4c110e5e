package dev.vprompt.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void shouldOpenWithTheUntrainedWarningWhenTheModelIsNotMeaningful() {
        // Given
        RunSummary run = RunSummary.of(List.of(job("a", "SUCCEEDED", 0.5)), 2.0, "mae-vqgan random", false);
        // When
        String html = new HtmlReport().render("demo", run, List.of(job("a", "SUCCEEDED", 0.5)));
        // Then
        String body = html.substring(html.indexOf("<body>") + "<body>".length()).strip();
        assertThat(body).startsWith("<p class=\"warning\" id=\"model-warning\">" + HtmlReport.UNTRAINED_WARNING);
        assertThat(html).contains("<title>" + HtmlReport.UNTRAINED_WARNING);
    }

    @Test
    void shouldNotWarnWhenTheModelIsMeaningful() {
        RunSummary run = RunSummary.of(List.of(), 1.0, "ckpt", true);
        String html = new HtmlReport().render("demo", run, List.of());
        assertThat(html).doesNotContain(HtmlReport.UNTRAINED_WARNING);
    }

    @Test
    void shouldEscapeTextAndEncodePathsWhenRenderingAJob() {
        // Given
        JobEntry evil = new JobEntry(
                "j<1>",
                "seg & \"quotes\"",
                "FAILED",
                "IMAGE_CORRUPT: <script>alert(1)</script>",
                Map.of("canvas", "j<1>/prompt.png"),
                Map.of(),
                Map.of(),
                0);
        RunSummary run = RunSummary.of(List.of(evil), 1.0, "m", true);
        // When
        String html = new HtmlReport().render("t", run, List.of(evil));
        // Then
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("src=\"j%3C1%3E/prompt.png\"");
        assertThat(html).contains("seg &amp; &quot;quotes&quot;");
    }

    @Test
    void shouldListImagesScoresTimingsAndBatchOfEveryJob() {
        // Given
        JobEntry a = job("a", "SUCCEEDED", 0.25);
        JobEntry b = job("b", "SUCCEEDED", Double.NaN);
        RunSummary run = RunSummary.of(List.of(a, b), 4.0, "m", false);
        // When
        String html = new HtmlReport().render("t", run, List.of(a, b));
        // Then
        assertThat(html).contains("id=\"job-a\"", "id=\"job-b\"");
        assertThat(html).contains("src=\"a/prompt.png\"", "src=\"b/prediction.png\"");
        assertThat(html).contains("data-name=\"iou\">0.2500<", "data-name=\"iou\">n/a<");
        assertThat(html).contains("data-name=\"inferMs\">40<");
        assertThat(html).contains("<td class=\"batch\">2</td>");
        assertThat(html).contains("data-images-loaded");
    }

    @Test
    void shouldTabulateMeanScoresByKindAndScoreNameWhenKindsHaveDifferentScores() {
        // Given
        JobEntry seg = job("a", "SUCCEEDED", 0.25);
        JobEntry col = new JobEntry("c", "colorization", "SUCCEEDED", null, Map.of(), Map.of("mse", 1.5), Map.of(), 1);
        RunSummary run = RunSummary.of(List.of(seg, col), 1.0, "m", true);
        // When
        String html = new HtmlReport().render("t", run, List.of(seg, col));
        // Then
        assertThat(html).contains("<th class=\"name\">mean score</th><th>iou</th><th>mse</th></tr>");
        assertThat(html).contains("<td class=\"name\">segmentation</td><td>0.2500</td><td></td></tr>");
        assertThat(html).contains("<td class=\"name\">colorization</td><td></td><td>1.5000</td></tr>");
    }

    static JobEntry job(String id, String status, double iou) {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("canvas", id + "/prompt.png");
        images.put("prediction", id + "/prediction.png");
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("fetchMs", 5L);
        timings.put("inferMs", 40L);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("iou", iou);
        return new JobEntry(id, "segmentation", status, null, images, scores, timings, 2);
    }
}
