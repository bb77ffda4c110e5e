package dev.vprompt.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vprompt.cli.report.HtmlReport;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the demo's report in headless Chromium and checks that every image loads (the page's own script records
 * {@code data-images-loaded="loaded/total"} on {@code <body>} after the load event). Runs only where
 * {@code /usr/bin/chromium} (or {@code -Dvprompt.chromium=PATH}) exists: Debian's {@code chromium} package, which
 * {@code src/test/sh/install-chromium.sh} installs where it is missing; skipped with a notice otherwise.
 */
class DemoReportBrowserIT {

    static final String CHROMIUM = System.getProperty("vprompt.chromium", "/usr/bin/chromium");

    private static final Pattern LOADED = Pattern.compile("data-images-loaded=\"(\\d+)/(\\d+)\"");

    @TempDir
    Path profile;

    @Test
    void shouldLoadEveryImageOfTheReportWhenOpenedInABrowser() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of(CHROMIUM)),
                "SKIPPED: " + CHROMIUM + " is absent; install Debian's chromium (src/test/sh/install-chromium.sh) "
                        + "to check the demo report in a browser");
        // Given
        Path index = DemoFixture.get().out.resolve(HtmlReport.INDEX).toAbsolutePath();
        assertThat(index).exists();
        // When
        String dom = dumpDom(index);
        // Then
        Matcher m = LOADED.matcher(dom);
        assertThat(m.find())
                .as("the page's load script ran; DOM head: %s", head(dom))
                .isTrue();
        int loaded = Integer.parseInt(m.group(1));
        int total = Integer.parseInt(m.group(2));
        assertThat(total).isGreaterThanOrEqualTo(DemoFixture.JOBS * 4);
        assertThat(loaded).as("images that loaded").isEqualTo(total);
    }

    private String dumpDom(Path index) throws Exception {
        Process p = new ProcessBuilder(List.of(
                        CHROMIUM,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        index.toUri().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String head(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
