package dev.vprompt.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worker's public API is the packages {@code config}, {@code lifecycle}, {@code infer} and {@code metrics}
 * (worker/README.md, "Public API"): the CLI uses nothing else, and no public signature there mentions an internal type.
 */
class WorkerApiTest {

    private static final Set<String> API_PACKAGES = Set.of("config", "lifecycle", "infer", "metrics");
    private static final Path WORKER_SOURCES = Path.of("src", "main", "java", "dev", "vprompt", "worker");
    private static final Path CLI_SOURCES = Path.of("..", "producer-tools", "src");
    private static final Pattern WORKER_REFERENCE = Pattern.compile("dev\\.vprompt\\.worker\\.([a-z]+)\\.");

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldReferenceOnlyApiPackagesWhenTheCliUsesWorkerTypes() throws Exception {
        // Given: every Java source of the CLI, main and test
        Set<String> referenced = new TreeSet<>();
        // When
        for (Path file : javaFiles(CLI_SOURCES)) {
            Matcher m = WORKER_REFERENCE.matcher(Files.readString(file));
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        // Then
        assertThat(referenced).as("the scan found the CLI's worker references").contains("config", "lifecycle");
        assertThat(referenced).isSubsetOf(API_PACKAGES);
    }

    @Test
    void shouldMentionNoInternalTypeWhenAnApiTypeShowsItsPublicMembers() throws Exception {
        // Given: every public class of the API packages, nested ones included
        List<Class<?>> api = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            for (Path file : javaFiles(WORKER_SOURCES.resolve(pkg))) {
                String name = file.getFileName().toString().replace(".java", "");
                if (!name.equals("package-info")) {
                    addPublic(Class.forName("dev.vprompt.worker." + pkg + "." + name), api);
                }
            }
        }
        // When
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : api) {
            List<Member> members = new ArrayList<>();
            members.addAll(List.of(c.getDeclaredConstructors()));
            members.addAll(List.of(c.getDeclaredMethods()));
            members.addAll(List.of(c.getDeclaredFields()));
            for (Member m : members) {
                String signature = m instanceof Executable e ? e.toGenericString() : ((Field) m).toGenericString();
                if (Modifier.isPublic(m.getModifiers())
                        && !m.isSynthetic()
                        && (signature.contains("dev.vprompt.worker.internal.")
                                || signature.contains("dev.vprompt.worker.fetch."))) {
                    leaks.add(signature);
                }
            }
        }
        // Then
        assertThat(api).as("the API classes were found").hasSizeGreaterThan(10);
        assertThat(leaks).isEmpty();
    }

    private static void addPublic(Class<?> c, List<Class<?>> out) {
        if (Modifier.isPublic(c.getModifiers())) {
            out.add(c);
            for (Class<?> nested : c.getDeclaredClasses()) {
                addPublic(nested, out);
            }
        }
    }
}
