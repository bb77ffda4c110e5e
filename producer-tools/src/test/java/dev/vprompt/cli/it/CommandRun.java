package dev.vprompt.cli.it;

import dev.vprompt.cli.Vp;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One {@code vp} command run in this JVM, with what it printed.
 *
 * @param exitCode the command's exit code
 * @param out what it wrote to standard output
 * @param err what it wrote to standard error
 */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun run(String... args) {
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
    String firstLine() {
        int nl = out.indexOf('\n');
        return nl < 0 ? out : out.substring(0, nl);
    }
}
