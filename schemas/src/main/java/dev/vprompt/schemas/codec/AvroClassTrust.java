package dev.vprompt.schemas.codec;

import dev.vprompt.schemas.PromptJob;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Avro trust the generated event classes without the {@code org.apache.avro.SERIALIZABLE_PACKAGES} system
 * property.
 *
 * <p>Avro 1.12 refuses to load classes named by a schema unless {@link ClassSecurityValidator}'s global predicate
 * trusts them ("Forbidden ... not trusted"). {@link #ensureInstalled()} replaces the global predicate once with
 * "whatever was set before OR a class of the generated package {@value #GENERATED_PACKAGE}", so it only ever widens
 * trust by exactly our package and keeps the system properties and any earlier configuration working.
 *
 * <p>Thread-safe: installation happens in a class initializer, so the JVM runs it exactly once and every thread
 * that calls {@link #ensureInstalled()} sees its effect. A later {@code ClassSecurityValidator.setGlobal} by other
 * code that does not compose with the current predicate undoes it.
 */
final class AvroClassTrust {

    /** The package of the generated record and enum classes (nothing below it). */
    static final String GENERATED_PACKAGE = PromptJob.class.getPackageName();

    /** Trusts exactly the classes of {@link #GENERATED_PACKAGE}; does not initialize the class it checks. */
    static final ClassSecurityPredicate GENERATED_CLASSES = clazz -> GENERATED_PACKAGE.equals(clazz.getPackageName());

    private static final Logger LOGGER = LoggerFactory.getLogger(AvroClassTrust.class);

    private AvroClassTrust() {}

    /** Installs the trust on first call; later calls are free. */
    static void ensureInstalled() {
        Installer.touch();
    }

    private static final class Installer {
        static {
            ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, GENERATED_CLASSES));
            LOGGER.debug("Avro class trust extended to package {}", GENERATED_PACKAGE);
        }

        private Installer() {}

        static void touch() {
            // Loading this class ran the static initializer above.
        }
    }
}
