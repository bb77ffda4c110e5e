package dev.vprompt.engine.checkpoint.pickle;

/**
 * A value that a {@link PickleWriter} writes as a persistent id ({@code BINPERSID}), e.g. PyTorch's storage tuples.
 *
 * @param pid the id itself, pickled normally before the opcode
 */
public record PersistentId(Object pid) {}
