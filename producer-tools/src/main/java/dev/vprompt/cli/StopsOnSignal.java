package dev.vprompt.cli;

/**
 * Marks a command that stops cleanly on SIGTERM or SIGINT: it {@linkplain Signals#claim() claims} the signals, which
 * {@code main} has been recording since the process started. Every other command gets the JVM's default handlers.
 */
interface StopsOnSignal {}
