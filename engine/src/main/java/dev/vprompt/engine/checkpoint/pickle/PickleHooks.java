package dev.vprompt.engine.checkpoint.pickle;

/**
 * How a caller gives data meaning to parts of a pickle. The defaults keep everything opaque, so an unknown class never
 * breaks reading and nothing is ever executed. Implementations are called on the unpickling thread only.
 */
public interface PickleHooks {

    /** Hooks that give no extra meaning: persistent ids stay as they are, calls become {@link PyObject}s. */
    PickleHooks NONE = new PickleHooks() {};

    /**
     * The object a persistent id ({@code PERSID}/{@code BINPERSID}) stands for.
     *
     * @param pid the id as unpickled (PyTorch uses a tuple)
     * @return the value to push; the default returns the id itself
     */
    default Object persistentLoad(Object pid) {
        return pid;
    }

    /**
     * The result of calling {@code callable(*args)} ({@code REDUCE}), or {@code null} to let the unpickler apply its
     * built-in container rules and otherwise create an opaque {@link PyObject}.
     */
    default Object reduce(PyGlobal callable, PyTuple args) {
        return null;
    }
}
