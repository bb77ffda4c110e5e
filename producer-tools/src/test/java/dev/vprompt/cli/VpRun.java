package dev.vprompt.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs {@code vp} in-process with standard output and error captured. Not thread-safe: swaps {@link System#out} and
 * {@link System#err}, so tests using it must not run concurrently (the default surefire setup).
 *
 * @param exitCode what {@code vp} would exit with
 * @param out everything printed on standard output
 * @param err everything printed on standard error
 */
public record VpRun(int exitCode, String out, String err) {

    public static synchronized VpRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Vp.run(args);
            o.flush();
            e.flush();
            return new VpRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Non-empty lines of standard error. */
    public List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Non-empty lines of standard output. */
    public List<String> outLines() {
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
