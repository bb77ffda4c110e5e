package dev.vprompt.engine.checkpoint.pickle;

/**
 * A reference to a Python global ({@code module.name}) as found in a pickle; never resolved, never called.
 *
 * @param module the module, e.g. {@code torch._utils}
 * @param name the attribute, e.g. {@code _rebuild_tensor_v2}
 */
public record PyGlobal(String module, String name) {

    /** Whether this is {@code module.name}. */
    public boolean is(String module, String name) {
        return this.module.equals(module) && this.name.equals(name);
    }

    @Override
    public String toString() {
        return module + "." + name;
    }
}
