package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The loopback guarantee, checked from the OS: every socket the embedded servers listen on is bound to 127.0.0.1. */
class LoopbackBindingIT {

    private static final InetAddress LOOPBACK_V4 = InetAddress.getLoopbackAddress();

    @Test
    void shouldListenOnLoopbackOnlyWhenStackIsRunning() {
        // Given
        assumeTrue(ProcNetTcp.available(), "no /proc/net/tcp (not Linux): loopback binding check skipped");
        Set<ProcNetTcp.ListeningSocket> before = new HashSet<>(ownListeners());

        try (EmbeddedStack stack = EmbeddedStack.start()) {
            // When
            List<ProcNetTcp.ListeningSocket> opened =
                    ownListeners().stream().filter(s -> !before.contains(s)).toList();

            // Then: the new listeners are exactly Kafka's broker and controller ports and the S3 port ...
            Set<Integer> expected = stack.kafka().listenerAddresses().values().stream()
                    .map(InetSocketAddress::getPort)
                    .collect(Collectors.toCollection(HashSet::new));
            assertThat(expected).hasSize(2);
            expected.add(stack.s3().port());
            assertThat(opened.stream().map(ProcNetTcp.ListeningSocket::port).collect(Collectors.toSet()))
                    .isEqualTo(expected);
            // ... and every one of them is bound to 127.0.0.1, never to a wildcard or another interface
            assertThat(opened)
                    .allSatisfy(s -> assertThat(s.address())
                            .as("listener on port %d", s.port())
                            .isEqualTo(LOOPBACK_V4));
        }
    }

    @Test
    void shouldHaveNoListenerOutsideLoopbackWhenServersOfThisJvmRun() {
        // Given
        assumeTrue(ProcNetTcp.available(), "no /proc/net/tcp (not Linux): loopback binding check skipped");

        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                EmbeddedS3 s3 = EmbeddedS3.start()) {
            // When
            List<ProcNetTcp.ListeningSocket> all = ownListeners();

            // Then
            assertThat(all)
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s.address())
                            .as("listener on port %d", s.port())
                            .isEqualTo(LOOPBACK_V4));
            assertThat(all).extracting(ProcNetTcp.ListeningSocket::port).contains(s3.port());
            kafka.listenerAddresses()
                    .values()
                    .forEach(a -> assertThat(all)
                            .extracting(ProcNetTcp.ListeningSocket::port)
                            .contains(a.getPort()));
        }
    }

    /** LISTEN sockets owned by this JVM (matched by inode), as the kernel reports them. */
    static List<ProcNetTcp.ListeningSocket> ownListeners() {
        Set<Long> inodes = ProcNetTcp.socketInodesOfThisProcess();
        return ProcNetTcp.listening().stream()
                .filter(s -> inodes.contains(s.inode()))
                .toList();
    }
}
