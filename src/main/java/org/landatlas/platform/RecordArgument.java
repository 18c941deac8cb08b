package org.landatlas.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A GraphQL input object argument bound to a Java record, like Spring's {@code @Argument}, by
 * {@link RecordArgumentResolver}: components by name, nested records, lists, enums and numbers. The argument
 * name is the parameter's unless given.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RecordArgument {

    /** The GraphQL argument's name; the parameter's name when empty. */
    String value() default "";
}
