package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vp worker} as Kubernetes stops it: SIGTERM to the process. The worker is held in its startup by a checkpoint
 * download from an S3 endpoint that accepts connections and never answers (a stand-in for a large checkpoint on a slow
 * link), so the signal arrives while starting.
 */
class WorkerSignalTest {

    @TempDir
    Path dir;

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket silent;
    private Process process;

    @AfterEach
    void cleanUp() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        if (silent != null) {
            silent.close();
        }
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void shouldExitZeroAtOnceWhenTerminatedWhileTheModelIsStillLoading() throws Exception {
        // Given: a worker started as its own process, stuck downloading its checkpoint
        int port = startSilentServer();
        Path config = dir.resolve("worker.yaml");
        Files.writeString(config, """
                workerId: w-signal
                kafka:
                  bootstrapServers: 127.0.0.1:9
                s3:
                  endpoint: http://127.0.0.1:%d
                  accessKey: a
                  secretKey: b
                  allowedBuckets: [models]
                  requestTimeout: 300s
                model:
                  path: s3://models/checkpoint.pth
                  devices: [cpu]
                http:
                  port: -1
                """.formatted(port));
        List<String> output = new CopyOnWriteArrayList<>();
        process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Vp.class.getName(),
                        "worker",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .start();
        collect(output);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> output.stream().anyMatch(l -> l.contains("starting worker w-signal")));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        output.stream().anyMatch(l -> l.contains("downloading model from s3://models/checkpoint.pth")));

        // When
        long sent = System.nanoTime();
        process.toHandle().destroy(); // SIGTERM (Process.destroy would also close the streams we read)

        // Then: exit 0, long before the download (which never ends) could have
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertThat(process.exitValue()).as("exit code; output: %s", output).isZero();
        assertThat(tookMillis).isLessThan(20_000);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(output).anyMatch(l -> l.contains("worker w-signal stopped before ready")));
    }

    /** Accepts connections on a loopback port and never answers them. */
    private int startSilentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    try {
                        while (!silent.isClosed()) {
                            held.add(silent.accept());
                        }
                    } catch (IOException e) {
                        // closed
                    }
                },
                "silent-s3");
        t.setDaemon(true);
        t.start();
        return silent.getLocalPort();
    }

    private void collect(List<String> output) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            output.add(line);
                        }
                    } catch (IOException e) {
                        // process ended
                    }
                },
                "worker-output");
        t.setDaemon(true);
        t.start();
    }
}
