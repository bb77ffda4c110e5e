/**
 * A small, safe reader and writer for Python pickles (protocols 0-5, binary forms), enough for PyTorch checkpoints.
 *
 * <p>The {@link dev.vprompt.engine.checkpoint.pickle.Unpickler} never resolves or runs anything: a {@code GLOBAL} is
 * kept as a {@link dev.vprompt.engine.checkpoint.pickle.PyGlobal} name, calls on it become opaque
 * {@link dev.vprompt.engine.checkpoint.pickle.PyObject}s unless the caller's
 * {@link dev.vprompt.engine.checkpoint.pickle.PickleHooks} or the built-in container rules give them a data meaning.
 * These are building blocks of {@code dev.vprompt.engine.checkpoint}; applications use that package instead.
 */
package dev.vprompt.engine.checkpoint.pickle;
