package dev.vprompt.cli;

/** Turns an exception into the one line a user sees. */
final class CliErrors {

    private CliErrors() {}

    static String oneLine(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null
                && (c.getMessage() == null
                        || c instanceof java.util.concurrent.ExecutionException
                        || c instanceof java.util.concurrent.CompletionException)) {
            c = c.getCause();
        }
        String msg = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return msg.replace('\n', ' ').replaceAll("\\s+", " ").trim();
    }
}
