package dev.vprompt.worker.deploy;

import static dev.vprompt.worker.deploy.DeployFiles.COMPOSE;
import static dev.vprompt.worker.deploy.DeployFiles.COMPOSE_GPU;
import static dev.vprompt.worker.deploy.DeployFiles.COMPOSE_WORKER;
import static dev.vprompt.worker.deploy.DeployFiles.DOCKERFILES;
import static dev.vprompt.worker.deploy.DeployFiles.EXAMPLE_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vprompt.worker.config.WorkerConfig;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every deploy file names only configuration the worker has, and the files agree with each other. */
class DeployFilesTest {

    private static final long CLOSE_ALLOWANCE_SECONDS = 20;

    @Test
    void shouldLoadEveryWorkerConfigWhenTheWorkersOwnLoaderReadsIt() {
        // Given: the compose worker's environment (image + service, CPU and GPU), the k8s Secret's VP_* keys
        JsonNode compose = DeployFiles.yaml(COMPOSE);
        Map<String, String> cpuEnv =
                merge(DeployFiles.dockerfileEnv(DOCKERFILES.get(0)), DeployFiles.composeEnv(compose, "worker"));
        Map<String, String> gpuEnv = merge(
                merge(DeployFiles.dockerfileEnv(DOCKERFILES.get(1)), DeployFiles.composeEnv(compose, "worker")),
                DeployFiles.composeEnv(DeployFiles.yaml(COMPOSE_GPU), "worker"));
        Map<String, String> secretEnv = secretEnv();

        // When: loaded as the worker loads them (unknown keys and bad values fail)
        WorkerConfig composeCpu = DeployFiles.load(COMPOSE_WORKER, cpuEnv);
        WorkerConfig composeGpu = DeployFiles.load(COMPOSE_WORKER, gpuEnv);
        WorkerConfig example = DeployFiles.load(EXAMPLE_WORKER, Map.of());
        WorkerConfig k8s = DeployFiles.loadText(configMapWorkerYaml(), secretEnv);

        // Then
        assertThat(composeCpu.model().precision()).isEqualTo("FP32");
        assertThat(composeGpu.model().precision()).isEqualTo("FP16");
        assertThat(composeGpu.batch().maxBatchSize()).isEqualTo(32);
        assertThat(example.http().host()).isEqualTo("0.0.0.0");
        assertThat(k8s.s3().accessKey()).isEqualTo(secretEnv.get("VP_S3_ACCESS_KEY"));
        assertThat(k8s.kafka().clientProperties()).containsKey("sasl.jaas.config");
        assertThat(List.of(composeCpu, k8s))
                .allSatisfy(c -> assertThat(c.http().host()).isEqualTo("0.0.0.0"));
    }

    @Test
    void shouldNameOnlyVariablesTheWorkerReadsWhenDeployFilesSetVpVariables() {
        // Given: every VP_* variable set by an image, a compose service, the k8s Secret or the Deployment
        List<String> names = new ArrayList<>();
        DOCKERFILES.forEach(f -> names.addAll(DeployFiles.dockerfileEnv(f).keySet()));
        names.addAll(DeployFiles.composeEnv(DeployFiles.yaml(COMPOSE), "worker").keySet());
        names.addAll(
                DeployFiles.composeEnv(DeployFiles.yaml(COMPOSE_GPU), "worker").keySet());
        names.addAll(secretEnv().keySet());
        container().path("env").forEach(e -> names.add(e.path("name").asText()));

        // When / Then: each maps onto a field of the worker's config records
        assertThat(names)
                .hasSizeGreaterThan(6)
                .allSatisfy(n -> assertThat(isWorkerVariable(n))
                        .as(n + " is a worker setting")
                        .isTrue());
        assertThat(isWorkerVariable("VP_KAFKA_BOOTSTRAP")).isFalse();
    }

    @Test
    void shouldAgreeOnTopicsGroupAndBootstrapWhenComposeK8sAndKedaNameThem() {
        // Given
        JsonNode compose = DeployFiles.yaml(COMPOSE);
        WorkerConfig composeWorker = DeployFiles.load(COMPOSE_WORKER, Map.of());
        WorkerConfig k8s = DeployFiles.loadText(configMapWorkerYaml(), secretEnv());
        JsonNode kafkaTrigger = trigger("kafka");

        // When
        String topicsCommand = compose.at("/services/kafka-topics/command").toString();
        String advertised = compose.at("/services/kafka/environment/KAFKA_ADVERTISED_LISTENERS")
                .asText();

        // Then: compose creates the worker's topics and advertises its bootstrap address; KEDA watches the k8s group
        assertThat(topicsCommand)
                .contains(composeWorker.kafka().jobsTopic() + ":")
                .contains(composeWorker.kafka().completionsTopic() + ":")
                .contains(composeWorker.kafka().deadLetterTopic() + ":");
        assertThat(advertised).contains("//" + composeWorker.kafka().bootstrapServers());
        assertThat(compose.at("/services/kafka/image").asText()).endsWith("apache/kafka:" + kafkaVersion() + "}");
        assertThat(kafkaTrigger.at("/metadata/topic").asText())
                .isEqualTo(k8s.kafka().jobsTopic());
        assertThat(kafkaTrigger.at("/metadata/consumerGroup").asText())
                .isEqualTo(k8s.kafka().groupId());
        assertThat(kafkaTrigger.at("/metadata/bootstrapServers").asText())
                .isEqualTo(k8s.kafka().bootstrapServers());
        assertThat(DeployFiles.k8s("ScaledObject")
                        .at("/spec/scaleTargetRef/name")
                        .asText())
                .isEqualTo(DeployFiles.k8s("Deployment").at("/metadata/name").asText());
    }

    @Test
    void shouldCreateEveryBucketTheWorkerUsesWhenComposeStarts() {
        // Given
        JsonNode compose = DeployFiles.yaml(COMPOSE);
        WorkerConfig composeWorker = DeployFiles.load(COMPOSE_WORKER, Map.of());
        WorkerConfig k8s = DeployFiles.loadText(configMapWorkerYaml(), secretEnv());

        // When
        String bucketsCommand = compose.at("/services/minio-buckets/command").toString();

        // Then
        assertThat(composeWorker.s3().buckets())
                .isNotEmpty()
                .allSatisfy(b -> assertThat(bucketsCommand).contains("local/" + b));
        assertThat(composeWorker.s3().endpoint()).isEqualTo("http://minio:9000");
        assertThat(compose.at("/services/minio/ports").toString()).contains(":9000:9000");
        assertThat(k8s.s3().read()).isEqualTo(composeWorker.s3().read());
        assertThat(k8s.s3().write()).isEqualTo(composeWorker.s3().write());
        assertThat(bucketsCommand).contains("local/" + k8s.model().path().split("/")[2]);
    }

    @Test
    void shouldUseTheWorkersPortWhenImagesComposePrometheusAndK8sNameIt() {
        // Given
        JsonNode compose = DeployFiles.yaml(COMPOSE);
        int composePort = DeployFiles.load(COMPOSE_WORKER, Map.of()).http().port();
        int k8sPort =
                DeployFiles.loadText(configMapWorkerYaml(), secretEnv()).http().port();
        JsonNode scrape = DeployFiles.yaml(DeployFiles.DEPLOY.resolve("prometheus/prometheus.yml"))
                .at("/scrape_configs/0");

        // Then
        assertThat(compose.at("/services/worker/ports").toString()).contains(":" + composePort + ":" + composePort);
        assertThat(scrape.at("/static_configs/0/targets/0").asText()).isEqualTo("worker:" + composePort);
        for (var dockerfile : DOCKERFILES) {
            String text = DeployFiles.text(dockerfile);
            assertThat(DeployFiles.dockerfileEnv(dockerfile)).containsEntry("VP_HTTP_PORT", "" + composePort);
            assertThat(text).contains("EXPOSE " + composePort).contains("127.0.0.1:" + composePort + "/health/");
        }
        JsonNode port = container().at("/ports/0");
        assertThat(port.path("containerPort").asInt()).isEqualTo(k8sPort);
        assertThat(DeployFiles.k8s("Service").at("/spec/ports/0/targetPort").asText())
                .isEqualTo(port.path("name").asText());
    }

    @Test
    void shouldOutlastDrainAndCloseWhenKubernetesStopsAWorker() {
        // Given
        WorkerConfig k8s = DeployFiles.loadText(configMapWorkerYaml(), secretEnv());

        // When
        long grace = DeployFiles.k8s("Deployment")
                .at("/spec/template/spec/terminationGracePeriodSeconds")
                .asLong();

        // Then
        assertThat(grace).isGreaterThan(k8s.pipeline().drainTimeout().toSeconds() + CLOSE_ALLOWANCE_SECONDS);
    }

    @Test
    void shouldRunAsNonRootExitOnOomAndAskForGpusWhenDeployed() {
        // Given
        JsonNode deployment = DeployFiles.k8s("Deployment");

        // Then: images
        for (var dockerfile : DOCKERFILES) {
            String text = DeployFiles.text(dockerfile);
            assertThat(text.lines().filter(l -> l.startsWith("FROM ")).count())
                    .as(dockerfile + " is multi-stage")
                    .isGreaterThan(1);
            assertThat(text)
                    .contains("USER 10001")
                    .contains("-XX:+ExitOnOutOfMemoryError")
                    .contains("-XX:MaxRAMPercentage=")
                    .contains("HEALTHCHECK")
                    .contains("PYTORCH_LIBRARY_PATH=/opt/vprompt/libtorch");
        }
        // Then: the launcher, which runs the worker outside a container
        assertThat(DeployFiles.text(Path.of("..", "vp")))
                .as("vp runs the JVM with -XX:+ExitOnOutOfMemoryError")
                .containsPattern("exec java [^\\n]*\\\\\\n\\s*-XX:\\+ExitOnOutOfMemoryError");
        // Then: the Deployment
        assertThat(deployment
                        .at("/spec/template/spec/securityContext/runAsUser")
                        .asInt())
                .isEqualTo(10001);
        assertThat(deployment
                        .at("/spec/template/spec/securityContext/runAsNonRoot")
                        .asBoolean())
                .isTrue();
        assertThat(container().at("/resources/limits/nvidia.com~1gpu").asInt()).isPositive();
        assertThat(DeployFiles.yaml(COMPOSE_GPU)
                        .at("/services/worker/deploy/resources/reservations/devices/0/driver")
                        .asText())
                .isEqualTo("nvidia");
    }

    /** The Kafka version of the build (root pom), which the compose broker runs too. */
    private static String kafkaVersion() {
        Matcher m = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(DeployFiles.text(DeployFiles.DEPLOY.resolveSibling("pom.xml")));
        assertThat(m.find()).as("kafka.version in the root pom").isTrue();
        return m.group(1);
    }

    static JsonNode container() {
        return DeployFiles.k8s("Deployment").at("/spec/template/spec/containers/0");
    }

    static String configMapWorkerYaml() {
        return DeployFiles.k8s("ConfigMap").at("/data/worker.yaml").asText();
    }

    private static Map<String, String> secretEnv() {
        Map<String, String> env = new HashMap<>();
        DeployFiles.k8s("Secret").path("stringData").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("VP_")) {
                env.put(e.getKey(), e.getValue().asText());
            }
        });
        return env;
    }

    private static JsonNode trigger(String type) {
        for (JsonNode t : DeployFiles.k8s("ScaledObject").at("/spec/triggers")) {
            if (type.equals(t.path("type").asText())) {
                return t;
            }
        }
        throw new AssertionError("no " + type + " trigger in the ScaledObject");
    }

    /** {@code VP_WORKER_ID}, or {@code VP_<SECTION>_<FIELD>} naming a component of that section's settings record. */
    static boolean isWorkerVariable(String name) {
        if (name.equals("VP_WORKER_ID")) {
            return true;
        }
        String rest = name.substring("VP_".length()).toLowerCase(Locale.ROOT);
        for (RecordComponent section : WorkerConfig.class.getRecordComponents()) {
            String prefix = section.getName().toLowerCase(Locale.ROOT) + "_";
            if (section.getType().isRecord() && rest.startsWith(prefix)) {
                String field = camel(rest.substring(prefix.length()));
                return Arrays.stream(section.getType().getRecordComponents())
                        .anyMatch(c -> c.getName().equals(field));
            }
        }
        return false;
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> over) {
        Map<String, String> out = new HashMap<>(base);
        out.putAll(over);
        return out;
    }
}
