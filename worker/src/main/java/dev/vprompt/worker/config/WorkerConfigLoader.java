package dev.vprompt.worker.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link WorkerConfig} from a YAML file, then applies environment overrides.
 *
 * <p>An override is named {@code VP_<SECTION>_<FIELD>} with the field in upper snake case, e.g.
 * {@code VP_KAFKA_BOOTSTRAP_SERVERS}, {@code VP_S3_READ=vp-images,vp-shared/team-a/},
 * {@code VP_BATCH_MAX_BATCH_DELAY=20ms}, {@code VP_WORKER_ID}. Durations accept {@code 250ms}, {@code 5s}, {@code 2m}
 * or ISO-8601 ({@code PT5S}). Lists are comma separated.
 *
 * <p>Secrets need not be written in the file: {@code s3.accessKey} and {@code s3.secretKey} come from the environment
 * ({@code VP_S3_ACCESS_KEY}, {@code VP_S3_SECRET_KEY}) or from a file named by {@code s3.accessKeyFile} /
 * {@code s3.secretKeyFile} (e.g. a mounted Kubernetes Secret; surrounding whitespace is dropped); Kafka credentials
 * through Kafka's own config providers in {@code kafka.clientProperties} ({@code ${env:NAME}}, {@code ${file:...}}).
 * Stateless and thread-safe.
 */
public final class WorkerConfigLoader {

    private static final String PREFIX = "VP_";
    private static final List<String> SECTIONS = List.of("kafka", "s3", "pipeline", "batch", "model", "http");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            // a key written without a value ("maxInFlight:") keeps the default instead of becoming 0 or null
            .setDefaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SKIP));

    /** Loads the file (may be null: environment only) and applies {@code env}. */
    public WorkerConfig load(Path file, Map<String, String> env) {
        ObjectNode root;
        try {
            root = file == null
                    ? JsonNodeFactory.instance.objectNode()
                    : (ObjectNode) orEmpty(yaml.readTree(Files.readString(file)));
        } catch (IOException | ClassCastException e) {
            throw new InvalidConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
        }
        applyEnv(root, env);
        SecretFiles.resolve(root);
        normaliseDurations(root);
        try {
            return yaml.treeToValue(root, WorkerConfig.class);
        } catch (IOException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof InvalidConfigException ice) {
                    throw ice;
                }
            }
            throw new InvalidConfigException(List.of(firstLine(e.getMessage())));
        }
    }

    private static JsonNode orEmpty(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? JsonNodeFactory.instance.objectNode() : n;
    }

    private static void applyEnv(ObjectNode root, Map<String, String> env) {
        env.forEach((name, value) -> {
            if (!name.startsWith(PREFIX)) {
                return;
            }
            String rest = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            if (rest.equals("worker_id")) {
                root.put("workerId", value);
                return;
            }
            for (String section : SECTIONS) {
                if (rest.startsWith(section + "_")) {
                    String field = camel(rest.substring(section.length() + 1));
                    ObjectNode node = root.has(section) && root.get(section).isObject()
                            ? (ObjectNode) root.get(section)
                            : root.putObject(section);
                    if (isListField(field)) {
                        ArrayNode arr = node.putArray(field);
                        for (String item : value.split(",")) {
                            if (!item.isBlank()) {
                                arr.add(item.trim());
                            }
                        }
                    } else {
                        node.put(field, value);
                    }
                    return;
                }
            }
        });
    }

    private static boolean isListField(String field) {
        return LIST_FIELDS.contains(field);
    }

    private static final List<String> LIST_FIELDS =
            List.of("allowedBuckets", "immutableBuckets", "read", "write", "devices");

    private static final List<String> DURATION_FIELDS = List.of(
            "commitInterval",
            "requestTimeout",
            "drainTimeout",
            "retryInitialBackoff",
            "retryMaxBackoff",
            "retryMaxElapsed",
            "dependencyProbeInterval",
            "dependencyProbeTimeout",
            "maxBatchDelay");

    /** Lets users write {@code 25ms} / {@code 5s} / {@code 2m}; Jackson itself only takes ISO-8601 or numbers. */
    private static void normaliseDurations(ObjectNode root) {
        root.fields().forEachRemaining(section -> {
            if (section.getValue() instanceof ObjectNode obj) {
                for (String f : DURATION_FIELDS) {
                    JsonNode v = obj.get(f);
                    if (v != null && v.isTextual()) {
                        obj.put(
                                f,
                                parseDuration(v.asText(), section.getKey() + "." + f)
                                        .toString());
                    }
                }
            }
        });
    }

    static Duration parseDuration(String text, String name) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(
                        Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(
                        Long.parseLong(t.substring(0, t.length() - 1).trim()) * 60);
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw new InvalidConfigException(List.of(name + ": not a duration: '" + text + "'"));
        }
    }

    private static String camel(String snake) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid configuration";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
