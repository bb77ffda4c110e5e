package dev.vprompt.cli.input;

import dev.vprompt.schemas.ObjectRef;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where one image of a job comes from: a local file (uploaded first) or an object already in S3. */
public sealed interface ImageSource {

    /** A local file, uploaded before the job is submitted. */
    record Local(Path file) implements ImageSource {}

    /** An object already in storage; used as is. */
    record Remote(ObjectRef ref) implements ImageSource {}

    /**
     * Parses a manifest value: {@code s3://bucket/key} or a path, relative paths against {@code baseDir}.
     *
     * @throws JobInputException when an S3 URL has no key or a local file does not exist
     */
    static ImageSource parse(String value, Path baseDir, String where) {
        if (value == null || value.isBlank()) {
            throw new JobInputException(where + ": image path is empty");
        }
        if (value.startsWith("s3://")) {
            String rest = value.substring("s3://".length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new JobInputException(where + ": '" + value + "' is not s3://bucket/key");
            }
            return new Remote(ObjectRef.newBuilder()
                    .setBucket(rest.substring(0, slash))
                    .setKey(rest.substring(slash + 1))
                    .setVersionId(null)
                    .build());
        }
        Path p = baseDir.resolve(value).normalize();
        return local(p, where);
    }

    /**
     * @throws JobInputException when the file does not exist
     */
    static Local local(Path file, String where) {
        if (!Files.isRegularFile(file)) {
            throw new JobInputException(where + ": no such file: " + file);
        }
        return new Local(file);
    }
}
