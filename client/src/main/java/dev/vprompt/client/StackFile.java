package dev.vprompt.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file {@code vp stack} writes while it runs: shell {@code export VP_...=value} lines, so that a user can
 * {@code source} it and the client commands can fall back to it when neither flags nor environment say where the stack
 * is. Deleted again when the stack stops.
 *
 * <p>Thread-safe (stateless apart from the path).
 */
public final class StackFile {

    private static final String EXPORT = "export ";

    private final Path path;

    public StackFile(Path path) {
        this.path = path;
    }

    /** {@code $VP_STACK_FILE}, else {@code ~/.vprompt/stack.env}. */
    public static StackFile defaultLocation(Map<String, String> env) {
        String configured = env.get(EnvNames.STACK_FILE);
        if (configured != null && !configured.isBlank()) {
            return new StackFile(Path.of(configured));
        }
        return new StackFile(Path.of(System.getProperty("user.home"), ".vprompt", "stack.env"));
    }

    public Path path() {
        return path;
    }

    /** The variables in the file; empty when there is no file. Lines that are not {@code export K=V} are ignored. */
    public Map<String, String> read() {
        if (!Files.isRegularFile(path)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : lines) {
            parse(line.trim()).ifPresent(kv -> vars.put(kv.getKey(), kv.getValue()));
        }
        return vars;
    }

    private static Optional<Map.Entry<String, String>> parse(String line) {
        if (!line.startsWith(EXPORT)) {
            return Optional.empty();
        }
        String rest = line.substring(EXPORT.length()).trim();
        int eq = rest.indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String value = rest.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1).replace("'\\''", "'");
        }
        return Optional.of(Map.entry(rest.substring(0, eq).trim(), value));
    }

    /** The {@code export} lines for {@code vars}, values single-quoted for the shell. */
    public static String exportLines(Map<String, String> vars) {
        StringBuilder sb = new StringBuilder();
        vars.forEach((k, v) -> sb.append(EXPORT)
                .append(k)
                .append("='")
                .append(v.replace("'", "'\\''"))
                .append("'\n"));
        return sb.toString();
    }

    /** Writes the file atomically (readable by the owner only: it holds the S3 secret). */
    public void write(Map<String, String> vars) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), ".stack", ".tmp");
            Files.writeString(tmp, "# written by vp stack; deleted when it stops\n" + exportLines(vars));
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the file if it exists. */
    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort: a stale file only supplies defaults, flags and environment still win
        }
    }
}
