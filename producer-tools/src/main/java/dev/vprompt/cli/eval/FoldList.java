package dev.vprompt.cli.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Parses fold selections: {@code 2}, {@code 0,2}, {@code 0..3}, {@code all}. Thread-safe: stateless. */
final class FoldList {

    private FoldList() {}

    /** The folds named by {@code text}, ascending, each within {@code 0..count-1}. */
    static List<Integer> parse(String text, int count) {
        TreeSet<Integer> out = new TreeSet<>();
        String t = text.trim();
        if (t.equalsIgnoreCase("all")) {
            t = "0.." + (count - 1);
        }
        try {
            for (String part : t.split(",")) {
                String p = part.trim();
                int range = p.indexOf("..");
                int lo = Integer.parseInt(range < 0 ? p : p.substring(0, range).trim());
                int hi =
                        range < 0 ? lo : Integer.parseInt(p.substring(range + 2).trim());
                for (int f = lo; f <= hi; f++) {
                    out.add(f);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fold: expected e.g. 0, 0,2 or 0..3, got '" + text + "'");
        }
        if (out.isEmpty() || out.first() < 0 || out.last() >= count) {
            throw new IllegalArgumentException("--fold: folds are 0.." + (count - 1) + ", got '" + text + "'");
        }
        return new ArrayList<>(out);
    }
}
