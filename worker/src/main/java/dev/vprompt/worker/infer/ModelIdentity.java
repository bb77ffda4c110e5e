package dev.vprompt.worker.infer;

/**
 * Which model a worker serves, as reported in completion events.
 *
 * @param id the id jobs may name
 * @param sha256 sha256 of the checkpoint file, or a description of how the weights were made
 * @param meaningful false for a random or null model, whose outputs carry no information
 */
public record ModelIdentity(String id, String sha256, boolean meaningful) {}
