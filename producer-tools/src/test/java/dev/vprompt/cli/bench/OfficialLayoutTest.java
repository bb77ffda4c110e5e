package dev.vprompt.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.engine.Fixtures;
import dev.vprompt.engine.checkpoint.Checkpoints;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.model.MaeVqganConfig;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OfficialLayoutTest {

    @Test
    void shouldListEveryTensorOfTheOfficialCheckpointWhenGivenFixtureConfig() {
        // Given: the model entry the official code saved for the tiny config
        StateDict official = Checkpoints.load(Fixtures.file("checkpoint.pth"));
        Map<String, String> expected = new TreeMap<>();
        official.tensors().forEach((name, t) -> expected.put(name, java.util.Arrays.toString(t.shape())));

        // When
        Map<String, String> actual = new TreeMap<>();
        OfficialLayout.shapes(MaeVqganConfig.tiny())
                .forEach((name, shape) -> actual.put(name, java.util.Arrays.toString(shape)));

        // Then
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldCountAbout402MillionParametersWhenGivenOfficialConfig() {
        // When
        long parameters = OfficialLayout.parameters(OfficialLayout.shapes(MaeVqganConfig.official()));

        // Then: the architecture notes give "about 402M parameters (1.5 GiB fp32)"
        assertThat(parameters).isBetween(398_000_000L, 406_000_000L);
    }
}
