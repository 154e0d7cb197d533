/** The JVM's own start and exit, for breakdown.sh: an empty main. */
public final class EmptyMain {
    public static void main(String[] args) {
    }
}
