package dev.vprompt.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Extra Kafka client properties (TLS, SASL, tuning) as vprompt's clients and the worker take them: read from a
 * properties file ({@code vp ... --kafka-config FILE}, as Kafka's own tools take {@code --command-config}), and printed
 * with every secret hidden. Secrets may also stay out of the file through Kafka's config providers
 * ({@code config.providers=env} and {@code ${env:NAME}}, {@code ${file:PATH:KEY}}). Stateless and thread-safe.
 */
public final class KafkaClientProperties {

    /** What {@link #redacted} prints instead of a secret value. */
    public static final String HIDDEN = "[hidden]";

    /** Names that hold credentials whatever the client: passwords, JAAS configs, tokens, keys, provider parameters. */
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(password|passwd|secret|jaas|token|credential|\\.key$|apikey|api\\.key|user\\.info).*");

    private KafkaClientProperties() {}

    /**
     * Reads a Java properties file.
     *
     * @throws VpClientException naming the file (never its contents) when it cannot be read
     */
    public static Map<String, String> load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | RuntimeException e) {
            throw new VpClientException("cannot read the Kafka client properties " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).strip()));
        return out;
    }

    /** Whether the value of {@code name} is a credential: a password-typed Kafka config, or a name that says so. */
    public static boolean isSecret(String name) {
        return isPasswordType(name)
                || SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /** The properties with every secret value replaced by {@link #HIDDEN}, sorted by name (for logs and toString). */
    public static Map<String, String> redacted(Map<String, String> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(k, isSecret(k) ? HIDDEN : v));
        return out;
    }

    private static boolean isPasswordType(String name) {
        for (ConfigDef def : Defs.ALL) {
            ConfigDef.ConfigKey key = def.configKeys().get(name);
            if (key != null && key.type == ConfigDef.Type.PASSWORD) {
                return true;
            }
        }
        return false;
    }

    /** The clients' config definitions, made once. */
    private static final class Defs {
        static final ConfigDef[] ALL = {
            ConsumerConfig.configDef(), ProducerConfig.configDef(), AdminClientConfig.configDef()
        };
    }
}
