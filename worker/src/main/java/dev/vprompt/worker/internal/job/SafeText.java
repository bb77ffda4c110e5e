package dev.vprompt.worker.internal.job;

/**
 * Text that came from a job (its id, keys, prefix) made safe for logs and messages. A character that could forge or
 * hide a log line (control characters such as a newline, Unicode format characters such as a bidirectional override,
 * line and paragraph separators, lone surrogates) is "unsafe"; jobs whose ids or keys carry one are refused, and every
 * such text is written through {@link #forLog} before it reaches a log line. Stateless.
 */
public final class SafeText {

    /** Longest text {@link #forLog} writes out in full. */
    public static final int MAX_LOGGED_CHARS = 200;

    private SafeText() {}

    /** Whether {@code text} holds a character that could forge or hide a log line. */
    public static boolean hasUnsafeCharacters(String text) {
        return text.codePoints().anyMatch(SafeText::unsafe);
    }

    /**
     * {@code text} with every unsafe character written as {@code \\uXXXX}, cut to {@link #MAX_LOGGED_CHARS}
     * characters (the cut says how long the text was); {@code "null"} for null.
     */
    public static String forLog(String text) {
        if (text == null) {
            return "null";
        }
        boolean cut = text.length() > MAX_LOGGED_CHARS;
        String head = cut ? text.substring(0, MAX_LOGGED_CHARS) : text;
        StringBuilder sb = new StringBuilder(head.length() + 16);
        head.codePoints().forEach(c -> {
            if (unsafe(c)) {
                for (char ch : Character.toChars(c)) {
                    sb.append(String.format("\\u%04x", (int) ch));
                }
            } else {
                sb.appendCodePoint(c);
            }
        });
        if (cut) {
            sb.append("...(").append(text.length()).append(" chars)");
        }
        return sb.toString();
    }

    private static boolean unsafe(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }
}
