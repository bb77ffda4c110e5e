/**
 * JUnit 5 support: {@link dev.vprompt.embedded.junit.WithStack} gives tests a {@link
 * dev.vprompt.embedded.StackEndpoints} parameter backed by one stack per test JVM, Testcontainers (Kafka + MinIO) where
 * Docker is available and the in-process {@link dev.vprompt.embedded.EmbeddedStack} elsewhere. Testcontainers is an
 * optional dependency: only {@code ContainerStack} and {@code DockerProbe} refer to it, and they are loaded only when its
 * classes are on the class path.
 */
package dev.vprompt.embedded.junit;
