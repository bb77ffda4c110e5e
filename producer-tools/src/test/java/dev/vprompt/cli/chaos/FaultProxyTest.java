package dev.vprompt.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy in front of a loopback echo server (not a store: its behaviour is TCP only). */
class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread pump = new Thread(() -> {
                        try (s;
                                InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // peer gone
                        }
                    });
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = FaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void shouldRefuseNewAndResetOpenConnectionsWhenCutThenForwardAgainWhenRestored() throws Exception {
        // Given: a working connection through the proxy
        Socket open = connect();
        assertThat(roundTrip(open, "before")).isEqualTo("before");

        // When
        proxy.cut(FaultProxy.Fault.REFUSE);

        // Then: the open connection is gone, a new one is refused
        assertThatThrownBy(() -> roundTrip(open, "during")).isInstanceOf(IOException.class);
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);

        // When
        proxy.restore();

        // Then: the same port forwards again
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> roundTrip(connect(), "after").equals("after"));
    }

    @Test
    void shouldAcceptButForwardNothingWhenDroppingThenCloseDamagedConnectionsWhenRestored() throws Exception {
        // Given
        proxy.cut(FaultProxy.Fault.DROP);

        // When: a connection is accepted, but nothing comes back
        Socket held = connect();
        held.setSoTimeout(500);
        held.getOutputStream().write("lost\n".getBytes());
        assertThatThrownBy(() -> held.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        proxy.restore();

        // Then: the held connection is closed, a new one works
        held.setSoTimeout(5_000);
        assertThat(readOrEnd(held)).isEqualTo(-1);
        assertThat(roundTrip(connect(), "fresh")).isEqualTo("fresh");
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(5_000);
        return s;
    }

    private static int readOrEnd(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException reset) {
            return -1;
        }
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write((text + "\n").getBytes());
        s.getOutputStream().flush();
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = s.getInputStream().read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed");
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
