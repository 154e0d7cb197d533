package dev.lift.spi;

import dev.lift.api.Api;

/**
 * The states of a kernel: {@code STARTING -> READY -> STOPPING -> STOPPED}, or
 * {@code STARTING -> FAILED} when boot fails.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public enum LifecycleState { STARTING, READY, STOPPING, STOPPED, FAILED }
