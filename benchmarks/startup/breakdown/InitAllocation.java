import java.lang.management.ManagementFactory;

/**
 * For breakdown.sh: bytes the main thread allocates to create a handler class (the init phase), the same way
 * ColdStart does. Before the first collection, this is what resident memory grows by on the heap side.
 */
public final class InitAllocation {
    public static void main(String[] args) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long after = threads.getThreadAllocatedBytes(id);
        System.out.println(args[0] + ": " + (after - before) / 1024 + " KB allocated to create the handler");
        System.exit(0);
    }
}
