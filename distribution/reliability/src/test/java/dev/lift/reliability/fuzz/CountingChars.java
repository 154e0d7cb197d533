package dev.lift.reliability.fuzz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Characters that count how many of them a parser reads, so that a fuzz target can check each
 * input's work against its length (a work counter scaled by size, never a clock). The parsers
 * take {@link CharSequence} in package-private overloads that exist for exactly this; they are
 * reached by reflection from here.
 */
final class CountingChars implements CharSequence {

    private final String s;
    private long reads;

    CountingChars(String s) {
        this.s = s;
    }

    long reads() {
        return reads;
    }

    @Override
    public int length() {
        return s.length();
    }

    @Override
    public char charAt(int index) {
        reads++;
        return s.charAt(index);
    }

    /** A copy costs as many reads as it has characters. */
    @Override
    public CharSequence subSequence(int start, int end) {
        reads += end - start;
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return s;
    }

    /** A package-private method or constructor's target, made callable. */
    static Method method(String className, String name, Class<?>... parameters) {
        try {
            Method m = Class.forName(className).getDeclaredMethod(name, parameters);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Lift's " + className + "." + name + " is gone or changed; update the fuzz target", e);
        }
    }

    static Object call(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
