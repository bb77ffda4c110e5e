package dev.vprompt.embedded;

import java.util.List;

/** A configuration of an embedded server is invalid; the message lists every problem found. */
public final class EmbeddedConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public EmbeddedConfigException(String what, List<String> problems) {
        super("invalid " + what + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per violated rule. */
    public List<String> problems() {
        return problems;
    }
}
