/**
 * A CRaC runtime for tests, shaped like the JDK's {@code jdk.crac} (the API a CRaC JDK or Lambda
 * SnapStart provides), because a JDK without CRaC leaves {@code org.crac} with nothing to call.
 *
 * <p>{@code org.crac} 1.5.0 finds its implementation by package name: the system property
 * {@code org.crac.Core.Compat} names a package holding {@code Resource}, {@code Context},
 * {@code Core}, {@code CheckpointException} and {@code RestoreException} (otherwise it tries
 * {@code javax.crac}, then {@code jdk.crac}). This module's surefire configuration points it here,
 * so the plugin's real {@code org.crac} calls (registration through the global context, the
 * runtime's notifications through {@code org.crac}'s proxies, its exception translation) run as on
 * a CRaC JDK.
 *
 * <p>What {@link dev.lift.plugins.crac.simulated.Core} does follows {@code jdk.crac.Core}: the
 * global context holds resources weakly; before the checkpoint it notifies them in reverse
 * registration order, after the restore in registration order; every resource is notified even
 * when another threw; failures are collected as suppressed exceptions of a
 * {@link dev.lift.plugins.crac.simulated.CheckpointException} (when the checkpoint phase failed;
 * the restore notifications still run, as the JDK compensates a failed checkpoint) or a
 * {@link dev.lift.plugins.crac.simulated.RestoreException}.
 */
package dev.lift.plugins.crac.simulated;
