package dev.vprompt.worker.fetch;

import dev.vprompt.worker.config.S3Settings;
import io.minio.MinioAsyncClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds MinIO clients whose sockets have TCP_NODELAY set: with Nagle on, a small PUT stalls tens of milliseconds
 * waiting for a delayed ACK. Stateless.
 */
public final class S3Clients {

    private S3Clients() {}

    public static MinioAsyncClient async(S3Settings s) {
        return MinioAsyncClient.builder()
                .endpoint(s.endpoint())
                .credentials(s.accessKey(), s.secretKey())
                .region(s.region())
                .httpClient(http(s.requestTimeout(), s.maxConcurrentRequests()))
                .build();
    }

    static OkHttpClient http(Duration timeout, int maxRequests) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(maxRequests);
        dispatcher.setMaxRequestsPerHost(maxRequests);
        return new OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(maxRequests, 5, TimeUnit.MINUTES))
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .retryOnConnectionFailure(true)
                .build();
    }

    /** A socket factory that switches Nagle's algorithm off on every socket it makes. */
    static final class NoDelaySocketFactory extends SocketFactory {

        private final SocketFactory delegate = SocketFactory.getDefault();

        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
