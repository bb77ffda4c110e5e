package dev.vprompt.worker.internal.publish;

/**
 * One result object to write.
 *
 * @param kind what it is (e.g. {@code canvas}, {@code prediction}, {@code answer}, {@code mask}), as reported in the
 *     completion event
 * @param name file name under {@code <prefix>/<jobId>/}
 */
public record PublishedObject(String kind, String name, byte[] bytes, String contentType) {}
