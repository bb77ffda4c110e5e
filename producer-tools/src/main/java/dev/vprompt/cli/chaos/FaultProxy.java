package dev.vprompt.cli.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP forwarder in front of a dependency (the object store), which a scenario can cut:
 *
 * <ul>
 *   <li>{@link Fault#REFUSE}: the listening socket is closed, so new connections are refused, and open ones are reset;
 *   <li>{@link Fault#DROP}: connections are accepted but no byte is forwarded either way (a black hole): clients wait
 *       for their own timeouts. On {@link #restore()} every connection that lost bytes is closed.
 * </ul>
 *
 * <p>Threads: one acceptor ({@code vp-chaos-proxy}) and two pumps per connection, all daemons. {@link #cut} and
 * {@link #restore} may be called from any thread; {@link #cut} waits for the acceptor to stop, so it must not be called
 * from a proxy thread.
 */
final class FaultProxy implements AutoCloseable {

    /** How the dependency becomes unreachable. */
    enum Fault {
        REFUSE,
        DROP
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(FaultProxy.class);
    private static final int BUFFER = 16 * 1024;
    private static final int REBIND_ATTEMPTS = 50;
    private static final Duration REBIND_PAUSE = Duration.ofMillis(100);
    private static final Duration ACCEPTOR_STOP = Duration.ofSeconds(5);

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> damaged = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private volatile Fault fault;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
        this.port = server.getLocalPort();
        startAcceptor(server);
    }

    /** Listens on a free loopback port and forwards to {@code target}. */
    static FaultProxy start(InetSocketAddress target) throws IOException {
        return new FaultProxy(target, bind(0));
    }

    int port() {
        return port;
    }

    /** The fault in force, or null while forwarding. */
    Fault fault() {
        return fault;
    }

    /**
     * Cuts the dependency off. With {@link Fault#REFUSE} it returns once the acceptor thread has left {@code accept}:
     * until then the kernel keeps the closed listening socket alive for that call, and a new connection would still be
     * taken into its backlog instead of being refused.
     */
    void cut(Fault how) throws IOException, InterruptedException {
        Thread stopping;
        synchronized (this) {
            if (fault != null) {
                return;
            }
            fault = how;
            stopping = null;
            if (how == Fault.REFUSE) {
                server.close();
                open.forEach(FaultProxy::reset);
                open.clear();
                stopping = acceptor;
            }
            LOGGER.info("proxy cut: port={} fault={}", port, how);
        }
        if (stopping != null) {
            // outside the lock: the acceptor may be waiting for it in register()
            stopping.join(ACCEPTOR_STOP.toMillis());
        }
    }

    synchronized void restore() throws IOException, InterruptedException {
        Fault was = fault;
        if (was == null) {
            return;
        }
        if (was == Fault.REFUSE) {
            server = rebind();
            startAcceptor(server);
        } else {
            damaged.forEach(FaultProxy::reset);
            damaged.clear();
        }
        fault = null;
        LOGGER.info("proxy restored: port={}", port);
    }

    private ServerSocket rebind() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return bind(port);
            } catch (IOException e) {
                if (attempt >= REBIND_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(REBIND_PAUSE.toMillis());
            }
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        return s;
    }

    private void startAcceptor(ServerSocket listening) {
        Thread t = new Thread(() -> accept(listening), "vp-chaos-proxy");
        t.setDaemon(true);
        acceptor = t;
        t.start();
    }

    private void accept(ServerSocket listening) {
        while (!closed && !listening.isClosed()) {
            try {
                Socket client = listening.accept();
                client.setTcpNoDelay(true);
                if (fault == Fault.DROP) {
                    damaged.add(client);
                    continue;
                }
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                upstream.setTcpNoDelay(true);
                register(client, upstream);
            } catch (IOException e) {
                if (!listening.isClosed()) {
                    LOGGER.debug("proxy accept failed: {}", e.toString());
                }
            }
        }
    }

    /**
     * Starts forwarding a new connection, unless a cut came in meanwhile: registration and {@link #cut} hold the same
     * lock, so every connection is either reset by the cut or sees it here; none slips through an outage.
     */
    private synchronized void register(Socket client, Socket upstream) {
        if (fault == Fault.REFUSE || closed) {
            reset(client);
            reset(upstream);
            return;
        }
        if (fault == Fault.DROP) {
            damaged.add(client);
            reset(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[BUFFER];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            if (fault == Fault.DROP) {
                                damaged.add(from);
                                damaged.add(to);
                                continue;
                            }
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // the connection was closed or reset
                    } finally {
                        if (fault != Fault.DROP) {
                            reset(from);
                            reset(to);
                        }
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "vp-chaos-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Closes with RST (linger 0), as a crashed or unreachable peer would look. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        server.close();
        open.forEach(FaultProxy::reset);
        damaged.forEach(FaultProxy::reset);
        open.clear();
        damaged.clear();
    }
}
