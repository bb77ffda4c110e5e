package dev.vprompt.embedded.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class (or method) with {@link StackExtension}: constructor, lifecycle and test method parameters of type
 * {@link dev.vprompt.embedded.StackEndpoints} are resolved to the one Kafka + S3 stack of this test JVM.
 *
 * <pre>{@code
 * @WithStack
 * class JobRoundTripIT {
 *     @Test
 *     void shouldDeliverJobsWhenProduced(StackEndpoints stack) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(StackExtension.class)
public @interface WithStack {}
