package dev.vprompt.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.model.MaeVqganConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelConfigsTest {

    @Test
    void shouldEqualFixtureConfigJsonWhenNamedFixture() {
        // Given
        MaeVqganConfig fromFile = MaeVqganConfig.fromJson(Fixtures.file("config.json"));

        // When
        MaeVqganConfig named = ModelConfigs.resolve("fixture");

        // Then
        assertThat(named).isEqualTo(fromFile);
        assertThat(ModelConfigs.resolve(Fixtures.file("config.json").toString()))
                .isEqualTo(fromFile);
    }

    @Test
    void shouldResolveOfficialNamesWhenNamedInAnyCase() {
        // When / Then
        assertThat(ModelConfigs.resolve("VIT-L")).isEqualTo(MaeVqganConfig.official());
        assertThat(ModelConfigs.resolve("official")).isEqualTo(MaeVqganConfig.official());
        assertThat(ModelConfigs.resolve("vit-b")).isEqualTo(MaeVqganConfig.vitBase());
    }

    @Test
    void shouldFailClearlyWhenConfigFileIsMissing(@org.junit.jupiter.api.io.TempDir Path tmp) {
        // When / Then
        assertThatThrownBy(() -> ModelConfigs.resolve(tmp.resolve("nope.json").toString()))
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("nope.json")
                .hasMessageContaining("no such file");
    }
}
