package dev.vprompt.engine.checkpoint.pickle;

import java.math.BigInteger;

/** Decoders for the text operands of protocol-0 opcodes ({@code INT}, {@code LONG}, {@code STRING}, {@code UNICODE}). */
final class TextLiterals {

    private TextLiterals() {}

    /** {@code INT}: a decimal, or {@code 00}/{@code 01} for False/True. */
    static Object intOrBool(String text) {
        if (text.equals("00")) {
            return Boolean.FALSE;
        }
        if (text.equals("01")) {
            return Boolean.TRUE;
        }
        return PickleInput.narrow(new BigInteger(text.strip()));
    }

    /** {@code LONG}: a decimal with an optional trailing {@code L}. */
    static Object longText(String text) {
        String t = text.strip();
        return PickleInput.narrow(new BigInteger(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
    }

    /** {@code STRING}: a quoted Python 2 string literal with backslash escapes. */
    static String quoted(String text) {
        String t = text.strip();
        if (t.length() < 2 || t.charAt(0) != t.charAt(t.length() - 1) || (t.charAt(0) != '\'' && t.charAt(0) != '"')) {
            throw new PickleException("STRING operand is not a quoted literal: " + t);
        }
        String body = t.substring(1, t.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case 'x' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    /** {@code UNICODE}: raw-unicode-escape, i.e. only {@code \\uXXXX} and {@code \\UXXXXXXXX} are escapes. */
    static String rawUnicodeEscape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digits = c == '\\' && i + 1 < text.length() ? escapeDigits(text.charAt(i + 1)) : 0;
            if (digits > 0 && i + 2 + digits <= text.length()) {
                out.appendCodePoint(Integer.parseInt(text.substring(i + 2, i + 2 + digits), 16));
                i += 1 + digits;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int escapeDigits(char kind) {
        return kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
    }
}
