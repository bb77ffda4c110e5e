package dev.vprompt.cli.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with left-aligned first column and right-aligned others, for command output.
 *
 * <p>Not thread-safe: build and render on one thread.
 */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    public TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    /** The table, a rule under the header, every line ending in a newline. */
    public String render() {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            for (int i = 0; i < columns; i++) {
                String pad = " ".repeat(width[i] - r[i].length());
                sb.append(i == 0 ? r[i] + pad : pad + r[i]);
                sb.append(i == columns - 1 ? "" : "  ");
            }
            sb.append('\n');
            if (n == 0) {
                int len = 0;
                for (int w : width) {
                    len += w;
                }
                sb.append("-".repeat(len + 2 * (columns - 1))).append('\n');
            }
        }
        return sb.toString();
    }
}
