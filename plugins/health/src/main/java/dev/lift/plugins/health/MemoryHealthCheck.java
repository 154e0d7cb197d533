package dev.lift.plugins.health;

import dev.lift.api.PluginContext;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.spi.HealthCheck;
import dev.lift.spi.HealthResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory headroom: the heap in use against the heap's maximum, and what the JVM has committed
 * (heap and non-heap) against the function's memory size ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE},
 * when it is known). The worse of the two decides: degraded from {@code lift.memory.degraded-percent}
 * (default 85), down from {@code lift.memory.down-percent} (default 95). The management beans load only
 * when the check first runs, never on the cold-start path.
 */
public final class MemoryHealthCheck implements HealthCheck {

    private volatile int degradedAt = 85;
    private volatile int downAt = 95;
    private volatile long limitBytes = -1;

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public boolean init(PluginContext context) {
        Settings settings = context.settings();
        if (!settings.getBoolean("enabled", true)) {
            return false;
        }
        degradedAt = settings.getInt("degraded-percent", 85, 1, 100);
        downAt = settings.getInt("down-percent", 95, 1, 100);
        if (downAt < degradedAt) {
            throw new SettingException(settings.describe("down-percent"), Integer.toString(downAt),
                    "a percentage from " + degradedAt + " (degraded-percent) to 100");
        }
        String size = settings.get("function-memory-mb").orElse(System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        if (size != null && !size.isBlank()) {
            try {
                limitBytes = Long.parseLong(size.trim()) * 1024 * 1024;
            } catch (NumberFormatException e) {
                throw new SettingException(settings.describe("function-memory-mb") + " or AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                        size, "a whole number of megabytes");
            }
        }
        return true;
    }

    @Override
    public HealthResult check() {
        Runtime rt = Runtime.getRuntime();
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        long heapMax = rt.maxMemory();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("heapUsedMb", heapUsed / (1024 * 1024));
        details.put("heapMaxMb", heapMax / (1024 * 1024));
        int percent = (int) (100 * heapUsed / Math.max(1, heapMax));
        if (limitBytes > 0) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long committed = memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted();
            details.put("jvmCommittedMb", committed / (1024 * 1024));
            details.put("functionMemoryMb", limitBytes / (1024 * 1024));
            percent = Math.max(percent, (int) (100 * committed / limitBytes));
        }
        details.put("usedPercent", percent);
        return percent >= downAt ? HealthResult.down(details)
                : percent >= degradedAt ? HealthResult.degraded(details) : new HealthResult(HealthResult.Status.UP, details);
    }

    /** For tests: the limit in bytes, or -1 when unknown. */
    long limitBytes() {
        return limitBytes;
    }
}
