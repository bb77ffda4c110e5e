package dev.vprompt.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.training.scenes.ImageOps;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    @Test
    void shouldShowEveryKindAndEverySyntheticTaskWhenGeneratingTwentyFourJobs() {
        // When
        List<DemoCase> cases = DemoData.cases(24, 1);
        // Then
        assertThat(cases).hasSize(24);
        assertThat(cases.stream().map(DemoCase::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(DemoCase.Kind.values());
        Set<SyntheticTask> tasks = EnumSet.noneOf(SyntheticTask.class);
        cases.stream().filter(c -> c.synthetic() != null).forEach(c -> tasks.add(c.synthetic()));
        assertThat(tasks).containsExactlyInAnyOrder(SyntheticTask.values());
        assertThat(cases.stream().map(DemoCase::id).distinct()).hasSize(24);
    }

    @Test
    void shouldGiveEachKindItsTaskLayoutAndExampleCountWhenGenerated() {
        for (DemoCase c : DemoData.cases(16, 3)) {
            if (c.kind() == DemoCase.Kind.SYNTHETIC) {
                assertThat(c.task()).isEqualTo(Task.IMAGE);
                assertThat(c.layout()).isEqualTo(PromptLayout.GRID_3X2);
                assertThat(c.examples()).hasSize(2);
            } else {
                assertThat(c.layout()).isEqualTo(PromptLayout.GRID_2X2);
                assertThat(c.examples()).hasSize(1);
            }
        }
    }

    @Test
    void shouldPairMasksAndTruthOfTheQuerysSizeWhenSegmentingOrDetecting() {
        for (DemoCase c : DemoData.cases(16, 5)) {
            if (!c.masks()) {
                continue;
            }
            RgbImage[] pair = c.examples().get(0);
            assertThat(size(pair[1])).isEqualTo(size(pair[0]));
            assertThat(size(c.truth())).isEqualTo(size(c.query()));
            assertThat(isBinaryWithForeground(c.truth())).as(c.id()).isTrue();
            assertThat(isBinaryWithForeground(pair[1])).as(c.id()).isTrue();
        }
    }

    @Test
    void shouldTurnGrayIntoColourWhenColorizing() {
        DemoCase c = DemoData.cases(4, 9).get(3);
        assertThat(c.kind()).isEqualTo(DemoCase.Kind.COLORIZATION);
        assertThat(isGray(c.query())).isTrue();
        assertThat(isGray(c.examples().get(0)[0])).isTrue();
        assertThat(isGray(c.truth())).isFalse();
        assertThat(ImageOps.grayscale(c.truth()).pixels()).isEqualTo(c.query().pixels());
    }

    @Test
    void shouldBeReproducibleWhenSeedIsEqual() {
        List<DemoCase> a = DemoData.cases(8, 11);
        List<DemoCase> b = DemoData.cases(8, 11);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).query().pixels()).isEqualTo(b.get(i).query().pixels());
        }
        assertThat(DemoData.cases(8, 12).get(0).query().pixels())
                .isNotEqualTo(a.get(0).query().pixels());
    }

    @Test
    void shouldRejectZeroJobs() {
        assertThatThrownBy(() -> DemoData.cases(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String size(RgbImage i) {
        return i.width() + "x" + i.height();
    }

    private static boolean isBinaryWithForeground(RgbImage mask) {
        boolean white = false;
        for (byte b : mask.pixels()) {
            int v = b & 0xFF;
            if (v != 0 && v != 255) {
                return false;
            }
            white |= v == 255;
        }
        return white;
    }

    private static boolean isGray(RgbImage image) {
        byte[] p = image.pixels();
        for (int i = 0; i < p.length; i += 3) {
            if (p[i] != p[i + 1] || p[i] != p[i + 2]) {
                return false;
            }
        }
        return true;
    }
}
