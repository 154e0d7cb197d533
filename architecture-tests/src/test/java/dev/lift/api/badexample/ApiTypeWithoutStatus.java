package dev.lift.api.badexample;

/** Deliberately wrong: a public API type without {@code @Api}. Only the rule tests import it. */
public final class ApiTypeWithoutStatus {
}
