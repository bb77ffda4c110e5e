package dev.vprompt.embedded.junit;

import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers whether a Docker engine is reachable. Refers to Testcontainers classes: load it only after {@link
 * TestcontainersSupport#onClassPath()} said yes. Thread-safe.
 */
final class DockerProbe {

    private DockerProbe() {}

    static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
