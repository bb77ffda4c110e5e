package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void shouldReturnDistinctBindablePortsWhenSeveralAreAsked() throws Exception {
        // When
        List<Integer> ports = LoopbackPorts.allocate(3);

        // Then
        assertThat(ports)
                .hasSize(3)
                .doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isBetween(1, 65535));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
