/**
 * Jobs described by local files, before anything is uploaded: the {@code examples/} + {@code queries/} folder
 * layout ({@link dev.vprompt.cli.input.FolderInputs}) and JSON-lines manifests ({@link
 * dev.vprompt.cli.input.ManifestReader}), both read into {@link dev.vprompt.cli.input.LocalJob}s, which {@link
 * dev.vprompt.cli.input.JobPreparer} uploads and turns into {@code PromptJob}s. Every file is checked before the
 * first upload.
 */
package dev.vprompt.cli.input;
