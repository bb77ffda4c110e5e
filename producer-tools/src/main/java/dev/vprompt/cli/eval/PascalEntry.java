package dev.vprompt.cli.eval;

/**
 * One line of a Pascal-5i split list ({@code <image>__<class>}, class 1-based in the file).
 *
 * @param name the image name without extension, e.g. {@code 2007_000033}
 * @param classId the class, 0-based (the file's value minus one)
 */
public record PascalEntry(String name, int classId) {

    /** Parses {@code 2007_000033__01}. */
    public static PascalEntry parse(String line) {
        int sep = line.lastIndexOf("__");
        if (sep <= 0) {
            throw new IllegalArgumentException("expected <image>__<class>, got '" + line + "'");
        }
        int cls = Integer.parseInt(line.substring(sep + 2).trim());
        if (cls < 1 || cls > PascalDataset.CLASSES) {
            throw new IllegalArgumentException(
                    "class must be within 1.." + PascalDataset.CLASSES + " in '" + line + "'");
        }
        return new PascalEntry(line.substring(0, sep), cls - 1);
    }

    /** The line as the split files write it. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%s__%02d", name, classId + 1);
    }
}
