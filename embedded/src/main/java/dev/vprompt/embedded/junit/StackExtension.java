package dev.vprompt.embedded.junit;

import dev.vprompt.embedded.StackEndpoints;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link StackEndpoints} parameters to the one Kafka + S3 stack of this test JVM, started lazily on first use
 * and closed when the test run ends. The stack is Testcontainers (Kafka and MinIO) when Docker is available and the
 * system property {@code vprompt.stack} is not {@code embedded}; otherwise the in-process {@link
 * dev.vprompt.embedded.EmbeddedStack}. Use it through {@link WithStack}.
 *
 * <p>Thread-safe: JUnit's root store creates the stack exactly once, also under parallel execution.
 */
public final class StackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == StackEndpoints.class;
    }

    @Override
    public StackEndpoints resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return endpoints(extensionContext);
    }

    /** The stack of this test JVM, started on first call. */
    public static StackEndpoints endpoints(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class)
                .endpoints();
    }
}
