package dev.vprompt.worker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.config.WorkerConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the files under {@code deploy/} for the tests that hold them against the code. Stateless. */
final class DeployFiles {

    static final Path DEPLOY = Path.of("..", "deploy");
    static final Path COMPOSE = DEPLOY.resolve("compose.yaml");
    static final Path COMPOSE_GPU = DEPLOY.resolve("compose.gpu.yaml");
    static final Path COMPOSE_WORKER = DEPLOY.resolve("compose").resolve("worker.yaml");
    static final Path EXAMPLE_WORKER = DEPLOY.resolve("worker.example.yaml");
    static final Path K8S = DEPLOY.resolve("k8s");
    static final List<Path> DOCKERFILES = List.of(DEPLOY.resolve("Dockerfile.cpu"), DEPLOY.resolve("Dockerfile.cuda"));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("\\b(VP_[A-Z0-9_]+)=(\\S+)");

    private DeployFiles() {}

    static JsonNode yaml(Path file) {
        return yamlDocuments(file).get(0);
    }

    /** Every document of a multi-document YAML file. */
    static List<JsonNode> yamlDocuments(Path file) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readerFor(JsonNode.class).readValues(Files.readString(file)).forEachRemaining(d -> {
                if (d instanceof JsonNode n && !n.isNull()) {
                    docs.add(n);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one document of {@code kind} among the k8s manifests. */
    static JsonNode k8s(String kind) {
        try (var files = Files.list(K8S)) {
            List<JsonNode> found = files.filter(f -> f.toString().endsWith(".yaml"))
                    .flatMap(f -> yamlDocuments(f).stream())
                    .filter(d -> kind.equals(d.path("kind").asText()))
                    .toList();
            if (found.size() != 1) {
                throw new IllegalStateException(found.size() + " manifests of kind " + kind + " in " + K8S);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code VP_*=value} assignments of a Dockerfile's ENV instructions. */
    static Map<String, String> dockerfileEnv(Path dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = ENV_ASSIGNMENT.matcher(text(dockerfile));
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    /** A compose service's {@code environment} mapping (values as strings). */
    static Map<String, String> composeEnv(JsonNode compose, String service) {
        Map<String, String> env = new LinkedHashMap<>();
        compose.path("services")
                .path(service)
                .path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** Loads a worker config file with the worker's own loader, as the worker would. */
    static WorkerConfig load(Path file, Map<String, String> env) {
        return new WorkerConfigLoader().load(file, env);
    }

    /** Writes an embedded worker.yaml (the ConfigMap's) to a temporary file and loads it. */
    static WorkerConfig loadText(String yaml, Map<String, String> env) {
        try {
            Path tmp = Files.createTempFile("worker-", ".yaml");
            try {
                Files.writeString(tmp, yaml);
                return load(tmp, env);
            } finally {
                Files.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
