package dev.lift.spi.support;

/** Characters that count how many of them a parser reads, so a test can tell linear from quadratic work. */
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
}
