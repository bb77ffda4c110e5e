package dev.vprompt.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vprompt.embedded.StackEndpoints;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extension must load and link on a class path without the optional Testcontainers modules. */
class OptionalTestcontainersTest {

    private static final String HIDDEN = "org.testcontainers.";

    @Test
    void shouldLinkExtensionClassesWhenTestcontainersIsAbsent() throws Exception {
        // Given: the test class path with every Testcontainers class hidden
        assumeTrue(
                StackMode.fromSystemProperty() != StackMode.TESTCONTAINERS,
                "vprompt.stack=testcontainers demands Testcontainers: skipped");
        try (URLClassLoader loader = new HidingClassLoader(testClassPath())) {
            assertThatThrownBy(() -> Class.forName("org.testcontainers.DockerClientFactory", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);

            // When: loaded, verified and initialised as JUnit would
            Class.forName(StackExtension.class.getName(), true, loader);
            Class<?> shared = Class.forName(SharedStack.class.getName(), true, loader);
            Method choose = shared.getDeclaredMethod("chooseFromEnvironment");
            choose.setAccessible(true);
            Object choice = choose.invoke(null);

            // Then: nothing failed to link, and the extension falls back to the embedded stack
            Method kind = choice.getClass().getDeclaredMethod("kind");
            kind.setAccessible(true);
            Method reason = choice.getClass().getDeclaredMethod("reason");
            reason.setAccessible(true);
            assertThat(kind.invoke(choice)).isEqualTo(StackEndpoints.KIND_EMBEDDED);
            if (StackMode.fromSystemProperty() == StackMode.AUTO) {
                assertThat((String) reason.invoke(choice)).contains("Testcontainers");
            }
        }
    }

    private static URL[] testClassPath() throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Child-first over the given class path, parent = platform loader, Testcontainers classes missing. */
    private static final class HidingClassLoader extends URLClassLoader {

        HidingClassLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(HIDDEN)) {
                throw new ClassNotFoundException(name + " (hidden by the test)");
            }
            return super.loadClass(name, resolve);
        }
    }
}
