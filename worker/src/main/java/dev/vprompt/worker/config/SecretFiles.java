package dev.vprompt.worker.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces {@code s3.accessKeyFile} / {@code s3.secretKeyFile} in a configuration tree by the contents of the files
 * they name, so that the keys themselves need not be written in the YAML. A key given both ways, or a file that
 * cannot be read, is a configuration problem (the message names the file, never its contents). Stateless.
 */
final class SecretFiles {

    static final String SECTION = "s3";
    static final List<String> SECRET_FIELDS = List.of("accessKey", "secretKey");
    static final String FILE_SUFFIX = "File";

    private SecretFiles() {}

    /** @throws InvalidConfigException listing every secret file problem */
    static void resolve(ObjectNode root) {
        if (!(root.get(SECTION) instanceof ObjectNode s3)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String field : SECRET_FIELDS) {
            String fileField = field + FILE_SUFFIX;
            JsonNode file = s3.remove(fileField);
            if (file == null || file.isNull()) {
                continue;
            }
            String name = SECTION + "." + fileField;
            if (s3.hasNonNull(field)) {
                problems.add("set " + SECTION + "." + field + " or " + name + ", not both");
                continue;
            }
            try {
                String value = Files.readString(Path.of(file.asText())).strip();
                if (value.isEmpty()) {
                    problems.add(name + ": " + file.asText() + " is empty");
                } else {
                    s3.put(field, value);
                }
            } catch (IOException | RuntimeException e) {
                problems.add(name + ": cannot read " + file.asText() + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }
}
