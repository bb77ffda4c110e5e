package dev.vprompt.embedded.junit;

import dev.vprompt.embedded.StackEndpoints;

/** A started stack of either kind. Implementations are thread-safe and their {@code close()} is idempotent. */
interface RunningStack extends AutoCloseable {

    StackEndpoints endpoints();

    @Override
    void close();
}
