package dev.vprompt.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the demo report, one self-contained {@code index.html} whose images are files next to it (relative
 * {@code src}), so the folder can be zipped, served or opened from disk.
 *
 * <p>The first visible line says when the model is untrained. Each job is a {@code <section class="job">} with its
 * images, a score table and a timing table; the run section has throughput, counts by status, the batch-size
 * histogram and mean scores. A small inline script sets {@code data-images-loaded="loaded/total"} on {@code <body>}
 * once the page has loaded, so a headless browser can check that every image resolves.
 *
 * <p>Thread-safe: stateless.
 */
public final class HtmlReport {

    /** The first line of the report (and of the demo's output) while the model is untrained. */
    public static final String UNTRAINED_WARNING = "UNTRAINED MODEL: outputs are meaningless";

    /** The report's file name. */
    public static final String INDEX = "index.html";

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
            .warning{background:#b00020;color:#fff;padding:.6rem 1rem;font-weight:700;font-size:1.1rem}
            .model{color:#555}
            table{border-collapse:collapse;margin:.4rem 0}
            td,th{border:1px solid #ccc;padding:.15rem .5rem;text-align:right}
            th{background:#f3f3f3}
            td.name,th.name{text-align:left}
            .job{border-top:2px solid #ddd;padding:.8rem 0}
            .job h3{margin:.2rem 0}
            .FAILED h3,.NO_COMPLETION h3{color:#b00020}
            .images{display:flex;flex-wrap:wrap;gap:.8rem}
            figure{margin:0}
            figure img{width:180px;height:auto;image-rendering:pixelated;border:1px solid #bbb}
            figcaption{font-size:.8rem;color:#555}
            .bar{display:inline-block;background:#4a7bd0;height:.8rem}
            .tables{display:flex;gap:2rem;flex-wrap:wrap;align-items:flex-start}
            """;

    private static final String SCRIPT = """
            window.addEventListener('load', function () {
              var imgs = document.images, ok = 0;
              for (var i = 0; i < imgs.length; i++) {
                if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; }
              }
              document.body.setAttribute('data-images-loaded', ok + '/' + imgs.length);
            });
            """;

    /** Writes {@code dir/index.html} and returns its path. */
    public Path write(Path dir, String title, RunSummary run, List<JobEntry> jobs) throws IOException {
        Files.createDirectories(dir);
        Path index = dir.resolve(INDEX);
        Files.writeString(index, render(title, run, jobs), StandardCharsets.UTF_8);
        return index;
    }

    String render(String title, RunSummary run, List<JobEntry> jobs) {
        StringBuilder body = new StringBuilder();
        if (!run.modelMeaningful()) {
            body.append("<p class=\"warning\" id=\"model-warning\">")
                    .append(Html.escape(UNTRAINED_WARNING))
                    .append(" (a randomly initialised MAE-VQGAN; pass --model PATH for an official checkpoint)</p>\n");
        }
        body.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        body.append("<p class=\"model\">model: ")
                .append(Html.escape(run.model()))
                .append("</p>\n");
        body.append(runSection(run));
        body.append("<h2>Jobs</h2>\n");
        for (JobEntry job : jobs) {
            body.append(jobSection(job));
        }
        String pageTitle = (run.modelMeaningful() ? "" : UNTRAINED_WARNING + " - ") + title;
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%s</title>
                <style>
                %s</style>
                <script>
                %s</script>
                </head>
                <body>
                %s</body>
                </html>
                """.formatted(Html.escape(pageTitle), STYLE, SCRIPT, body);
    }

    private static String runSection(RunSummary run) {
        StringBuilder sb = new StringBuilder("<section id=\"run\">\n<h2>Run</h2>\n<div class=\"tables\">\n");
        sb.append("<table id=\"throughput\">\n");
        row(sb, "jobs", String.valueOf(run.jobs()));
        run.byStatus().forEach((status, n) -> row(sb, status, String.valueOf(n)));
        row(sb, "wall time (s)", String.format(Locale.ROOT, "%.2f", run.wallSeconds()));
        row(sb, "throughput (jobs/s)", String.format(Locale.ROOT, "%.3f", run.jobsPerSecond()));
        row(sb, "mean batch size", String.format(Locale.ROOT, "%.2f", run.meanBatchSize()));
        sb.append("</table>\n");
        sb.append("<table id=\"batch-sizes\">\n<tr><th>batch size</th><th>jobs</th><th class=\"name\"></th></tr>\n");
        int max = run.batchSizeHistogram().values().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(1);
        run.batchSizeHistogram()
                .forEach((size, n) -> sb.append("<tr><td>")
                        .append(size)
                        .append("</td><td>")
                        .append(n)
                        .append("</td><td class=\"name\"><span class=\"bar\" style=\"width:")
                        .append(Math.max(1, 120 * n / max))
                        .append("px\"></span></td></tr>\n"));
        sb.append("</table>\n");
        sb.append("<table id=\"mean-timings\">\n<tr><th class=\"name\">stage</th><th>mean ms</th></tr>\n");
        run.meanTimingsMs().forEach((stage, ms) -> row(sb, stage, String.format(Locale.ROOT, "%.1f", ms)));
        sb.append("</table>\n</div>\n");
        sb.append(meanScores(run));
        sb.append("</table>\n</section>\n");
        return sb.toString();
    }

    /** One row per kind of job, one column per score name (in order of first appearance). */
    private static String meanScores(RunSummary run) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        run.meanScores().values().forEach(m -> names.addAll(m.keySet()));
        StringBuilder sb = new StringBuilder("<table id=\"mean-scores\">\n<tr><th class=\"name\">mean score</th>");
        names.forEach(n -> sb.append("<th>").append(Html.escape(n)).append("</th>"));
        sb.append("</tr>\n");
        for (Map.Entry<String, Map<String, Double>> e : run.meanScores().entrySet()) {
            sb.append("<tr><td class=\"name\">").append(Html.escape(e.getKey())).append("</td>");
            for (String n : names) {
                Double v = e.getValue().get(n);
                sb.append("<td>").append(v == null ? "" : Html.number(v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.toString();
    }

    private static String jobSection(JobEntry job) {
        StringBuilder sb = new StringBuilder();
        sb.append("<section class=\"job ")
                .append(Html.escape(job.status()))
                .append("\" id=\"job-")
                .append(Html.escape(job.jobId()))
                .append("\" data-status=\"")
                .append(Html.escape(job.status()))
                .append("\">\n<h3>")
                .append(Html.escape(job.jobId()))
                .append(" &middot; ")
                .append(Html.escape(job.label()))
                .append(" &middot; ")
                .append(Html.escape(job.status()))
                .append("</h3>\n");
        if (job.error() != null) {
            sb.append("<p class=\"error\">").append(Html.escape(job.error())).append("</p>\n");
        }
        sb.append("<div class=\"images\">\n");
        job.images()
                .forEach((caption, path) -> sb.append("<figure><img src=\"")
                        .append(Html.escape(Html.src(path)))
                        .append("\" alt=\"")
                        .append(Html.escape(caption))
                        .append("\"><figcaption>")
                        .append(Html.escape(caption))
                        .append("</figcaption></figure>\n"));
        sb.append("</div>\n<div class=\"tables\">\n<table class=\"scores\">\n")
                .append("<tr><th class=\"name\">score</th><th>value</th></tr>\n");
        job.scores()
                .forEach((name, v) -> sb.append("<tr><td class=\"name\">")
                        .append(Html.escape(name))
                        .append("</td><td class=\"score\" data-name=\"")
                        .append(Html.escape(name))
                        .append("\">")
                        .append(Html.number(v))
                        .append("</td></tr>\n"));
        sb.append("</table>\n<table class=\"timings\">\n<tr><th class=\"name\">stage</th><th>ms</th></tr>\n");
        job.timingsMs()
                .forEach((stage, ms) -> sb.append("<tr><td class=\"name\">")
                        .append(Html.escape(stage))
                        .append("</td><td class=\"timing\" data-name=\"")
                        .append(Html.escape(stage))
                        .append("\">")
                        .append(ms)
                        .append("</td></tr>\n"));
        sb.append("<tr><td class=\"name\">batch size</td><td class=\"batch\">")
                .append(job.batchSize())
                .append("</td></tr>\n</table>\n</div>\n</section>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("<tr><td class=\"name\">")
                .append(Html.escape(name))
                .append("</td><td>")
                .append(Html.escape(value))
                .append("</td></tr>\n");
    }
}
