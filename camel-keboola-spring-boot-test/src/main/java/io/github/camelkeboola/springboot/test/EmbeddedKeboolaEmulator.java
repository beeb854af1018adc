package io.github.camelkeboola.springboot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an embedded Keboola Storage API emulator for a {@code @SpringBootTest} and points the {@code keboola}
 * component at it (stack URL and token), whatever {@code camel.component.keboola.*} says. The emulator is a bean
 * ({@code KeboolaEmulator}, for faults and tokens) and stops with the test's application context; test classes
 * with the same annotation share one cached context and so one emulator.
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedKeboolaEmulator(provider = "azure")
 * class OrdersRouteTest { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedKeboolaEmulator {

    /** File storage the emulator imitates: {@code aws} (default), {@code azure} or {@code gcp}. */
    String provider() default "aws";
}
