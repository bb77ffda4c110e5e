package dev.vprompt.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final AtomicLong clock = new AtomicLong();
    private final StringWriter sink = new StringWriter();

    @Test
    void shouldRenderBarCountAndRateWhenHalfDone() {
        // Given
        Progress p = new Progress(new PrintWriter(sink), "jobs", 10, true, true, clock::get);
        clock.set(2_000_000_000L);
        // When
        p.update(5);
        // Then: 5 of 10 fills 12 of 24 cells; 5 jobs in 2 s
        assertThat(p.render()).isEqualTo("[############............] 5/10 jobs  2.5/s  2.0s");
    }

    @Test
    void shouldRedrawInPlaceAtMostEveryRedrawIntervalWhenInteractive() {
        // Given
        Progress p = new Progress(new PrintWriter(sink), "jobs", 100, true, true, clock::get);
        // When: three updates within one interval, then one after it
        p.update(1);
        p.update(2);
        p.update(3);
        clock.addAndGet((Progress.REDRAW_MS + 1) * 1_000_000);
        p.update(4);
        // Then
        assertThat(sink.toString()).doesNotContain("\n");
        assertThat(sink.toString().split("\r", -1)).hasSize(3); // "" + two draws
    }

    @Test
    void shouldPrintWholeLinesRarelyWhenNotATerminal() {
        // Given
        Progress p = new Progress(new PrintWriter(sink), "jobs", 0, false, false, clock::get);
        // When: updates over 12 seconds, one per second
        for (int i = 1; i <= 12; i++) {
            clock.addAndGet(1_000_000_000L);
            p.update(i);
        }
        p.finish();
        p.finish();
        // Then: a line every 5 s after the first update, plus the final one; never a carriage return
        assertThat(sink.toString()).doesNotContain("\r");
        assertThat(sink.toString().lines()).hasSize(3).last().asString().startsWith("12 jobs");
    }
}
