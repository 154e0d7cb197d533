package dev.lift.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API status of a public Lift type and the version that introduced it, in the manner of
 * JUnit's {@code @API}. Every public type in {@code lift-spi} carries it.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public @interface Api {

    /** How far plugin authors can rely on the annotated element. */
    Status status();

    /** The Lift version that introduced the annotated element, for example {@code "0.1"}. */
    String since();

    /** Stability levels, from "may change without notice" to "kept across minor versions". */
    enum Status {
        /** Used by Lift itself; may change or disappear in any release. */
        INTERNAL,
        /** New; may still change in a minor release. */
        EXPERIMENTAL,
        /** Kept compatible across minor releases. */
        STABLE,
        /** Still works, will be removed in the next major release. */
        DEPRECATED
    }
}
