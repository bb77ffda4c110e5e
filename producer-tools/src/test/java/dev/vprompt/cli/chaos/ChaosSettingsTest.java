package dev.vprompt.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.cli.options.DurationConverter;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.config.WorkerConfigLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ChaosSettingsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ChaosOptions options;
    }

    private static ChaosOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe)
                .registerConverter(Duration.class, new DurationConverter())
                .parseArgs(args);
        return probe.options;
    }

    @Test
    void shouldUseTheFullScenarioFiguresWhenNoFlagIsGiven() {
        // When
        ChaosSettings kill = parse().settings(Scenario.KILL, null, null, null, null, null);
        ChaosSettings outage = parse().settings(Scenario.STORE_OUTAGE, null, null, null, null, null);
        ChaosSettings soak = parse().settings(Scenario.SOAK, null, null, null, null, null);

        // Then
        assertThat(kill.jobs()).isEqualTo(2_000);
        assertThat(kill.kills()).isEqualTo(3);
        assertThat(kill.workers()).isEqualTo(2);
        assertThat(kill.nullModel()).isTrue();
        assertThat(outage.outage()).hasSeconds(30);
        assertThat(outage.fault()).isEqualTo(FaultProxy.Fault.REFUSE);
        assertThat(soak.soakDuration()).hasMinutes(20);
        assertThat(soak.jobs()).isEqualTo(1_200); // 1 job/s for 20 minutes
        assertThat(soak.soakWarmup()).hasMinutes(5);
        assertThat(soak.nullModel()).isFalse();
        assertThat(kill.delivery()).isEqualTo("at-least-once");
        assertThat(kill.exactlyOnce()).isFalse();
    }

    @Test
    void shouldRunExactlyOnceAndSayItInTheSetupWhenDeliveryIsExactlyOnce() {
        // When: the mode is read case-insensitively, as the worker reads kafka.delivery
        ChaosSettings s = parse("--delivery", "Exactly-Once").settings(Scenario.KILL, null, null, null, null, null);

        // Then
        assertThat(s.delivery()).isEqualTo("exactly-once");
        assertThat(s.exactlyOnce()).isTrue();
        assertThat(s.workersText()).isEqualTo("2 workers (null model, maxInFlight 16, exactly-once delivery)");
    }

    @Test
    void shouldShrinkEveryScenarioWhenShort() {
        // When
        ChaosSettings kill = parse("--short").settings(Scenario.KILL, null, null, null, null, null);
        ChaosSettings soak = parse("--short", "--rate", "2").settings(Scenario.SOAK, null, null, null, null, null);

        // Then
        assertThat(kill.jobs()).isEqualTo(200);
        assertThat(kill.kills()).isEqualTo(1);
        assertThat(soak.soakDuration()).hasMinutes(2);
        assertThat(soak.soakWarmup()).hasMinutes(1);
        assertThat(soak.jobs()).isEqualTo(240);
        assertThat(kill.sendTime()).hasSeconds(5);
    }

    @Test
    void shouldTakeFlagsOverDefaultsWhenGiven() {
        // When
        ChaosSettings s = parse("--jobs", "50", "--rate", "5", "--workers", "3", "--partitions", "6", "--seed", "7")
                .settings(Scenario.STORE_OUTAGE, null, Duration.ofSeconds(3), FaultProxy.Fault.DROP, null, null);

        // Then
        assertThat(s)
                .extracting(ChaosSettings::jobs, ChaosSettings::rate, ChaosSettings::workers, ChaosSettings::seed)
                .containsExactly(50, 5.0, 3, 7L);
        assertThat(s.outage()).hasSeconds(3);
        assertThat(s.fault()).isEqualTo(FaultProxy.Fault.DROP);
    }

    @Test
    void shouldListEveryProblemWhenSettingsAreInvalid() {
        assertThatThrownBy(() -> parse("--jobs", "0", "--rate", "0", "--workers", "5", "--session-timeout", "1s")
                        .settings(Scenario.KILL, -1, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--jobs")
                .hasMessageContaining("--rate")
                .hasMessageContaining("--kills")
                .hasMessageContaining("--partitions")
                .hasMessageContaining("--session-timeout");
    }

    @Test
    void shouldRefuseAnUnknownDeliveryModeWhenGiven() {
        assertThatThrownBy(() ->
                        parse("--delivery", "exactly-twice").settings(Scenario.KILL, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--delivery must be at-least-once or exactly-once, was exactly-twice");
    }

    @Test
    void shouldWriteAWorkerConfigThatTheWorkerAcceptsWhenRendered(@TempDir Path dir) throws Exception {
        // Given
        WorkerSpec spec = new WorkerSpec(
                "chaos-w1",
                "127.0.0.1:19092",
                URI.create("http://127.0.0.1:19000"),
                "vp-chaos-workers",
                18080,
                16,
                4,
                true,
                Duration.ofSeconds(10),
                "at-least-once");
        Path file = dir.resolve("w.yaml");
        Files.writeString(file, spec.yaml());

        // When: read by the worker's own loader
        WorkerConfig c = new WorkerConfigLoader().load(file, Map.of());

        // Then
        assertThat(c.workerId()).isEqualTo("chaos-w1");
        assertThat(c.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(c.kafka().groupId()).isEqualTo("vp-chaos-workers");
        assertThat(c.kafka().clientProperties()).containsEntry("session.timeout.ms", "10000");
        assertThat(c.kafka().exactlyOnce()).isFalse();
        assertThat(c.kafka().transactionalId()).isNull();
        assertThat(c.s3().endpoint()).isEqualTo("http://127.0.0.1:19000");
        assertThat(c.s3().mayReadBucket("vp-images")).isTrue();
        assertThat(c.s3().mayWriteBucket("vp-results")).isTrue();
        assertThat(c.s3().mayWriteBucket("vp-images")).isFalse();
        assertThat(c.pipeline().maxInFlight()).isEqualTo(16);
        assertThat(c.batch().maxBatchSize()).isEqualTo(4);
        assertThat(c.model().nullModel()).isTrue();
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThat(c.http().port()).isEqualTo(18080);
    }

    @Test
    void shouldGiveEachWorkerItsOwnStableTransactionalIdWhenExactlyOnce(@TempDir Path dir) throws Exception {
        // Given: two workers of one run, the first written twice (as a restart after a kill writes it again)
        WorkerSpec first = exactlyOnceSpec("chaos-w1");
        WorkerSpec second = exactlyOnceSpec("chaos-w2");
        Path file = dir.resolve("w1.yaml");
        Path again = dir.resolve("w1-restarted.yaml");
        Path other = dir.resolve("w2.yaml");
        Files.writeString(file, first.yaml());
        Files.writeString(again, exactlyOnceSpec("chaos-w1").yaml());
        Files.writeString(other, second.yaml());

        // When: read by the worker's own loader
        WorkerConfig w1 = new WorkerConfigLoader().load(file, Map.of());
        WorkerConfig w1Restarted = new WorkerConfigLoader().load(again, Map.of());
        WorkerConfig w2 = new WorkerConfigLoader().load(other, Map.of());

        // Then: the restarted worker fences its predecessor; the two workers never fence each other
        assertThat(w1.kafka().exactlyOnce()).isTrue();
        assertThat(w1.kafka().transactionalIdFor(w1.workerId())).isEqualTo("chaos-tx-chaos-w1");
        assertThat(w1Restarted.kafka().transactionalIdFor(w1Restarted.workerId()))
                .isEqualTo(w1.kafka().transactionalIdFor(w1.workerId()));
        assertThat(w2.kafka().transactionalIdFor(w2.workerId())).isEqualTo("chaos-tx-chaos-w2");
    }

    private static WorkerSpec exactlyOnceSpec(String workerId) {
        return new WorkerSpec(
                workerId,
                "127.0.0.1:19092",
                URI.create("http://127.0.0.1:19000"),
                "vp-chaos-workers",
                18080,
                16,
                4,
                true,
                Duration.ofSeconds(10),
                "exactly-once");
    }
}
