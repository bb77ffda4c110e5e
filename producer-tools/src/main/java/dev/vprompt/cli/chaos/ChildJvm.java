package dev.vprompt.cli.chaos;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code vp} command in a JVM of its own, started from the same Java and class path as this one, with the system
 * properties the project needs, its output appended to a log file. It can be stopped (SIGTERM, then SIGKILL after a
 * grace period) or killed at once (SIGKILL), and started again with the same command.
 *
 * <p>The child gets this process's environment without the {@code VP_*} variables, so that a shell's stack settings
 * cannot override the configuration the harness wrote.
 *
 * <p>Not thread-safe: one scenario thread starts, kills and stops it; {@link #alive()} and {@link #rssBytes()} may
 * be read from any thread.
 */
final class ChildJvm {

    private static final Logger LOGGER = LoggerFactory.getLogger(ChildJvm.class);
    private static final String MAIN = "dev.vprompt.cli.Vp";
    /** System properties of this JVM that a child needs as well (Avro trust, DJL offline cache, launcher home). */
    private static final List<String> FORWARDED = List.of(
            "org.apache.avro.SERIALIZABLE_PACKAGES",
            "ai.djl.offline",
            "DJL_CACHE_DIR",
            "vprompt.home",
            "vprompt.debug",
            "log4j2.loggerContextFactory");

    private final String name;
    private final List<String> command;
    private final Path log;
    private volatile Process process;

    ChildJvm(String name, List<String> jvmOptions, List<String> vpArguments, Path log) {
        this.name = name;
        this.log = log;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        for (String key : FORWARDED) {
            String value = System.getProperty(key);
            if (value != null) {
                cmd.add("-D" + key + "=" + value);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        cmd.addAll(vpArguments);
        this.command = List.copyOf(cmd);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    void start() throws IOException {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.createDirectories(log.getParent());
        Files.writeString(
                log,
                "---- starting " + name + " at " + java.time.Instant.now() + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("VP_"));
        process = pb.start();
        LOGGER.info("started child JVM: name={} pid={} log={}", name, process.pid(), log);
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** SIGKILL: no shutdown hook, no drain, no commit. Returns once the process is gone. */
    void kill() throws InterruptedException {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        LOGGER.info("killed child JVM: name={} pid={}", name, p.pid());
    }

    /** SIGTERM, and SIGKILL if it is still running after {@code grace}. Returns its exit code (or -1). */
    int stop(Duration grace) throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return p == null ? -1 : p.exitValue();
        }
        p.destroy();
        if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOGGER.warn("child JVM did not stop within {}, killing it: name={}", grace, name);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return p.isAlive() ? -1 : p.exitValue();
    }

    /** Resident set size from {@code /proc/<pid>/status}; empty where there is no such file or no process. */
    OptionalLong rssBytes() {
        long pid = pid();
        if (pid < 0 || !alive()) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(f[1]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("cannot read the RSS of {}: {}", name, e.toString());
        }
        return OptionalLong.empty();
    }
}
