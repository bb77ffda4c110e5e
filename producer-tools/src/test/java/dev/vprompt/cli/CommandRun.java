package dev.vprompt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code vp} command run in this JVM with its own output writers, and what it printed. Unlike {@link VpRun} it
 * leaves the process's streams alone, so logs of servers or workers running beside the command (integration tests)
 * do not mix into its output.
 *
 * @param exitCode the command's exit code
 * @param out what it wrote to standard output
 * @param err what it wrote to standard error
 */
public record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code vp <args>} in-process, exactly as given. */
    public static CommandRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            code = Vp.run(o, e, args);
        }
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** The first line of standard output. */
    public String firstLine() {
        int nl = out.indexOf('\n');
        return nl < 0 ? out : out.substring(0, nl);
    }

    /** The count in a summary row of standard output such as {@code SUCCEEDED   3}, or -1 when the row is absent. */
    public int count(String row) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(row) + "\\s+(\\d+)$").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
