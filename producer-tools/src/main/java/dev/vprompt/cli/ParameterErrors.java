package dev.vprompt.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports a bad command line (unknown option, missing or invalid value) as one line on standard error, pointing at
 * {@code --help}, instead of picocli's default message plus the full usage text. Exit code: picocli's
 * invalid-input code (2).
 *
 * <p>Thread-safe: stateless.
 */
final class ParameterErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + CliErrors.oneLine(e) + " (see '" + name + " --help')");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
