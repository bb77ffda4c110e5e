package dev.vprompt.embedded.junit;

import dev.vprompt.embedded.EmbeddedStack;
import dev.vprompt.embedded.StackEndpoints;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one stack of a test JVM, kept in JUnit's root store: JUnit closes it when the run ends (stored {@link
 * AutoCloseable}s are closed by default since JUnit 5.13); a JVM shutdown hook closes it should that be switched off.
 *
 * <p>Thread-safe: created once by the store, {@link #close()} is idempotent.
 */
final class SharedStack implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(SharedStack.class);

    private final RunningStack stack;
    private final Thread shutdownHook;

    private SharedStack(RunningStack stack) {
        this.stack = stack;
        this.shutdownHook = new Thread(stack::close, "vprompt-test-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Chooses the kind from {@link StackMode} and Docker, starts it and logs the choice once. */
    static SharedStack start() {
        long started = System.nanoTime();
        StackChoice choice = chooseFromEnvironment();
        RunningStack stack =
                StackEndpoints.KIND_TESTCONTAINERS.equals(choice.kind()) ? ContainerStack.start() : startEmbedded();
        LOGGER.info(
                "Test stack: kind={} reason=\"{}\" startMs={} endpoints={}",
                choice.kind(),
                choice.reason(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                stack.endpoints());
        return new SharedStack(stack);
    }

    /** The choice for this JVM: {@code vprompt.stack}, the class path, and (only if needed) a Docker probe. */
    static StackChoice chooseFromEnvironment() {
        return StackChoice.choose(
                StackMode.fromSystemProperty(), TestcontainersSupport.onClassPath(), () -> DockerProbe.available());
    }

    private static RunningStack startEmbedded() {
        EmbeddedStack embedded = EmbeddedStack.start();
        return new RunningStack() {
            @Override
            public StackEndpoints endpoints() {
                return embedded.endpoints();
            }

            @Override
            public void close() {
                embedded.close();
            }
        };
    }

    StackEndpoints endpoints() {
        return stack.endpoints();
    }

    @Override
    public void close() {
        stack.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or will run; close() is idempotent
        }
    }
}
