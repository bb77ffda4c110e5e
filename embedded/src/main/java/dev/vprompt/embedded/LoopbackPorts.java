package dev.vprompt.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on 127.0.0.1. The ports are found by binding, so they are free at the time of the call; another
 * process may still take one before the server binds it, which is why callers retry a failed start.
 *
 * <p>Thread-safe (stateless).
 */
final class LoopbackPorts {

    /** The only address the embedded servers ever bind. */
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {}

    /** {@code count} distinct free ports, all held open together while they are chosen. */
    static List<Integer> allocate(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            List<Integer> ports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(HOST, 0));
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }
}
