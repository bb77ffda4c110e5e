package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketNameTest {

    @Test
    void shouldAcceptNameWhenItFollowsS3Rules() {
        for (String name : new String[] {"abc", "images", "vprompt-results.2026", "a".repeat(63)}) {
            assertThatCode(() -> EmbeddedS3.requireValidBucketName(name)).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldRejectNameWhenItBreaksS3Rules() {
        for (String name : new String[] {"b", "ab", "Images", "-abc", "abc-", "a..b", "a_b", "a".repeat(64), ""}) {
            assertThatThrownBy(() -> EmbeddedS3.requireValidBucketName(name))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> EmbeddedS3.requireValidBucketName(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
