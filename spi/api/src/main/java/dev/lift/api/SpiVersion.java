package dev.lift.api;

/**
 * The version of the contracts in this module. A plugin reports the version it was compiled
 * against through {@link LiftPlugin#spiVersion()}; the kernel rejects a plugin whose version it
 * does not support, at boot, naming the plugin and its jar.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class SpiVersion {

    /** The SPI version of this build. Raised only for incompatible changes. */
    public static final int CURRENT = 1;

    private SpiVersion() {
    }
}
