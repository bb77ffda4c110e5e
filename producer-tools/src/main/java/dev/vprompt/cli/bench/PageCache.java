package dev.vprompt.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Empties the Linux page cache so the next read of a file comes from the disk ("cold"): {@code sync}, then
 * {@code echo 3 > /proc/sys/vm/drop_caches}, which needs root and a writable {@code /proc/sys}. This drops the cache
 * of the whole machine, not only of the benchmark file.
 *
 * <p>Thread-safe: stateless.
 */
final class PageCache {

    static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private PageCache() {}

    /**
     * Drops clean cached pages. Pages still mapped by the JVM cannot be dropped, so earlier mappings are released first
     * by running the garbage collector (their buffers must be unreachable).
     *
     * @return empty when the caches were dropped, else why not
     */
    static Optional<String> dropAll() {
        if (!Files.exists(DROP_CACHES)) {
            return Optional.of(DROP_CACHES + " does not exist (not Linux?)");
        }
        releaseMappings();
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Files.writeString(DROP_CACHES, "3\n");
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot write " + DROP_CACHES + " (needs root and a writable /proc/sys): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** Runs the collector a few times so unreachable mapped buffers are unmapped by their cleaners. */
    private static void releaseMappings() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
