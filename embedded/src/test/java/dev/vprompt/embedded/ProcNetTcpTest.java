package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetTcpTest {

    @Test
    void shouldDecodeLoopbackListenerWhenLineIsInKernelFormat() throws Exception {
        // Given: the documented /proc/net/tcp layout, 127.0.0.1:8080 on a little-endian host
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "sample lines are little-endian");
        List<String> lines = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1",
                "   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4343 1");

        // When
        List<ProcNetTcp.ListeningSocket> sockets = ProcNetTcp.parse(lines);

        // Then: only the LISTEN line, decoded
        assertThat(sockets)
                .containsExactly(new ProcNetTcp.ListeningSocket(InetAddress.getByName("127.0.0.1"), 8080, 4242));
    }

    @Test
    void shouldDecodeMappedAndWildcardAddressesWhenIpv6() throws Exception {
        // Given / When
        InetAddress mapped = ProcNetTcp.address(
                ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                        ? "0000000000000000FFFF00000100007F"
                        : "00000000000000000000FFFF7F000001");
        InetAddress wildcard = ProcNetTcp.address("00000000000000000000000000000000");

        // Then
        assertThat(mapped).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(wildcard.isAnyLocalAddress()).isTrue();
    }

    @Test
    void shouldSeeOwnListenerWhenSocketBoundToLoopback() throws Exception {
        // Given
        assumeTrue(ProcNetTcp.available(), "no /proc/net/tcp on this OS: skipped");
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));

            // When
            List<ProcNetTcp.ListeningSocket> mine = ProcNetTcp.listening().stream()
                    .filter(s -> ProcNetTcp.socketInodesOfThisProcess().contains(s.inode()))
                    .filter(s -> s.port() == server.getLocalPort())
                    .toList();

            // Then
            assertThat(mine)
                    .singleElement()
                    .satisfies(s -> assertThat(s.address()).isEqualTo(InetAddress.getByName("127.0.0.1")));
        }
    }
}
