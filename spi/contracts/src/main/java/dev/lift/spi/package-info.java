/**
 * The Lift SPI: every contract between the kernel and its plugins. Depends on the JDK and
 * jackson-databind only. Start with {@link dev.lift.api.LiftPlugin} and
 * {@link dev.lift.api.LiftApplication}.
 */
package dev.lift.spi;

import dev.lift.api.LiftApplication;
import dev.lift.api.LiftPlugin;
