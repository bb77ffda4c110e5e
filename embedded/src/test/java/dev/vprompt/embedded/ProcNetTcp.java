package dev.vprompt.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Listening TCP sockets as the Linux kernel reports them in {@code /proc/net/tcp} and {@code /proc/net/tcp6}, so that
 * tests check bindings from the OS rather than from the servers' own accounts.
 */
final class ProcNetTcp {

    /** One LISTEN socket: local address, port, and the inode that links it to a process's file descriptors. */
    record ListeningSocket(InetAddress address, int port, long inode) {}

    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");
    private static final String LISTEN = "0A";
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");

    private ProcNetTcp() {}

    static boolean available() {
        return Files.isReadable(TCP);
    }

    /** Every LISTEN socket of the host (this network namespace), IPv4 and IPv6. */
    static List<ListeningSocket> listening() {
        List<ListeningSocket> sockets = new ArrayList<>(parse(read(TCP)));
        if (Files.isReadable(TCP6)) {
            sockets.addAll(parse(read(TCP6)));
        }
        return sockets;
    }

    /** Inodes of the sockets this process has open, from {@code /proc/self/fd}. */
    static Set<Long> socketInodesOfThisProcess() {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    Matcher m = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(Long.parseLong(m.group(1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // descriptors come and go while we look
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    /** Parses the lines of one of the two files (header included). */
    static List<ListeningSocket> parse(List<String> lines) {
        List<ListeningSocket> sockets = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !LISTEN.equals(f[3])) {
                continue;
            }
            String[] local = f[1].split(":");
            sockets.add(new ListeningSocket(address(local[0]), Integer.parseInt(local[1], 16), Long.parseLong(f[9])));
        }
        return sockets;
    }

    /** The kernel prints each 32-bit word of the network-order address as a host-order hex number. */
    static InetAddress address(String hex) {
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.nativeOrder());
        for (int i = 0; i < hex.length(); i += 8) {
            bytes.putInt((int) Long.parseLong(hex.substring(i, i + 8), 16));
        }
        try {
            return InetAddress.getByAddress(bytes.array());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address " + hex, e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
