package dev.vprompt.embedded.junit;

import java.util.List;

/**
 * Whether the optional Testcontainers modules are on the class path, checked by name so that nothing of Testcontainers
 * is loaded when they are absent. Thread-safe (stateless).
 */
final class TestcontainersSupport {

    private static final List<String> REQUIRED_CLASSES = List.of(
            "org.testcontainers.DockerClientFactory",
            "org.testcontainers.kafka.KafkaContainer",
            "org.testcontainers.containers.MinIOContainer");

    private TestcontainersSupport() {}

    static boolean onClassPath() {
        ClassLoader loader = TestcontainersSupport.class.getClassLoader();
        for (String name : REQUIRED_CLASSES) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        return true;
    }
}
