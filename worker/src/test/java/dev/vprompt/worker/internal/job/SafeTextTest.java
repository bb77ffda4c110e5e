package dev.vprompt.worker.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void shouldEscapeEveryCharacterThatCouldForgeALogLineWhenWritingForALog() {
        // Given: a newline, a carriage return, an escape sequence, a bidi override and a line separator
        String forged = "a\nb\rc\u001b[31md\u202ee\u2028f";
        // When
        String logged = SafeText.forLog(forged);
        // Then
        assertThat(SafeText.hasUnsafeCharacters(forged)).isTrue();
        assertThat(logged).isEqualTo("a\\u000ab\\u000dc\\u001b[31md\\u202ee\\u2028f");
        assertThat(SafeText.hasUnsafeCharacters(logged)).isFalse();
    }

    @Test
    void shouldKeepOrdinaryTextWhenNothingIsUnsafe() {
        // When / Then: letters of any script, spaces and punctuation pass unchanged
        for (String ok : new String[] {"job-42", "Ähnlich é 图像 #1 (copy)", "a b.c_d:e@f"}) {
            assertThat(SafeText.hasUnsafeCharacters(ok)).as(ok).isFalse();
            assertThat(SafeText.forLog(ok)).isEqualTo(ok);
        }
    }

    @Test
    void shouldCutAndSayHowLongWhenTheTextIsLong() {
        // When
        String logged = SafeText.forLog("j".repeat(1100));
        // Then
        assertThat(logged).startsWith("j".repeat(SafeText.MAX_LOGGED_CHARS)).endsWith("...(1100 chars)");
    }
}
