/**
 * The Lift SPI: every contract between the kernel and its plugins. Depends on the JDK and
 * jackson-databind only. Start with {@link dev.lift.spi.LiftPlugin} and
 * {@link dev.lift.spi.LiftApplication}.
 */
package dev.lift.spi;
