package dev.vprompt.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.embedded.EmbeddedStartException;
import dev.vprompt.embedded.StackEndpoints;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class StackChoiceTest {

    private final AtomicInteger probes = new AtomicInteger();

    private BooleanSupplier docker(boolean available) {
        return () -> {
            probes.incrementAndGet();
            return available;
        };
    }

    @Test
    void shouldChooseContainersWhenAutoAndDockerIsAvailable() {
        // When
        StackChoice choice = StackChoice.choose(StackMode.AUTO, true, docker(true));

        // Then
        assertThat(choice.kind()).isEqualTo(StackEndpoints.KIND_TESTCONTAINERS);
    }

    @Test
    void shouldChooseEmbeddedWhenAutoAndDockerIsMissing() {
        // When
        StackChoice choice = StackChoice.choose(StackMode.AUTO, true, docker(false));

        // Then
        assertThat(choice.kind()).isEqualTo(StackEndpoints.KIND_EMBEDDED);
        assertThat(choice.reason()).contains("Docker");
    }

    @Test
    void shouldNotProbeDockerWhenEmbeddedIsForced() {
        // When
        StackChoice choice = StackChoice.choose(StackMode.EMBEDDED, true, docker(true));

        // Then
        assertThat(choice.kind()).isEqualTo(StackEndpoints.KIND_EMBEDDED);
        assertThat(probes).hasValue(0);
    }

    @Test
    void shouldNotProbeDockerWhenTestcontainersIsAbsent() {
        // When
        StackChoice choice = StackChoice.choose(StackMode.AUTO, false, docker(true));

        // Then
        assertThat(choice.kind()).isEqualTo(StackEndpoints.KIND_EMBEDDED);
        assertThat(probes).hasValue(0);
    }

    @Test
    void shouldFailWhenContainersAreForcedButDockerIsMissing() {
        assertThatThrownBy(() -> StackChoice.choose(StackMode.TESTCONTAINERS, true, docker(false)))
                .isInstanceOf(EmbeddedStartException.class)
                .hasMessageContaining("vprompt.stack=testcontainers");
    }

    @Test
    void shouldParseModeIgnoringCaseWhenPropertyIsSet() {
        assertThat(StackMode.parse(null)).isEqualTo(StackMode.AUTO);
        assertThat(StackMode.parse(" Embedded ")).isEqualTo(StackMode.EMBEDDED);
        assertThat(StackMode.parse("testcontainers")).isEqualTo(StackMode.TESTCONTAINERS);
        assertThatThrownBy(() -> StackMode.parse("docker")).hasMessageContaining("vprompt.stack");
    }
}
