package dev.lift.api;

/**
 * The version of the contracts plugins and applications compile against, as
 * {@code major * 100 + minor} in one {@code int}: {@code 200} is 2.0, {@code 203} is 2.3.
 *
 * <p>A minor version only adds (new types, new default methods), so a kernel runs every plugin
 * built for its major version and a minor version not newer than its own, down to
 * {@link #OLDEST_SUPPORTED}. A new major version means something a plugin may rely on changed or
 * disappeared. A plugin states the version it was built for by overriding
 * {@link LiftPlugin#spiVersion()}; the kernel rejects one it cannot run, at boot, naming the
 * plugin, its jar, that version and the range the kernel supports.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class SpiVersion {

    /**
     * The SPI version of this build: 2.0. Major 2 because the split of the SPI into
     * {@code lift-api}, {@code lift-events}, {@code lift-spi} and {@code lift-spi-support} moved
     * types between packages, which no plugin built before it survives.
     *
     * <p>A compile-time constant: {@code return SpiVersion.CURRENT;} in a plugin is inlined into
     * the plugin's own class file by {@code javac}, so it keeps saying what the plugin was built
     * against whatever SPI jar it later runs with.
     */
    public static final int CURRENT = 200;

    /** The oldest SPI version a kernel of this build still runs; same major as {@link #CURRENT}. */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public static final int OLDEST_SUPPORTED = 200;

    /**
     * What {@link LiftPlugin#spiVersion()} returns for a plugin that does not say: the kernel
     * cannot tell what it was built for and assumes {@link #CURRENT}.
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public static final int UNKNOWN = 0;

    private SpiVersion() {
    }

    /** The major part: {@code 2} for {@code 203}. */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public static int major(int version) {
        return version / 100;
    }

    /** The minor part: {@code 3} for {@code 203}. */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public static int minor(int version) {
        return version % 100;
    }

    /**
     * A version as people write it: {@code "2.3"} for {@code 203}, {@code "unknown"} for
     * {@link #UNKNOWN}, and {@code "invalid (-1)"} for a negative number. Never null.
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public static String describe(int version) {
        if (version == UNKNOWN) {
            return "unknown";
        }
        if (version < 0) {
            return "invalid (" + version + ")";
        }
        return major(version) + "." + minor(version);
    }
}
