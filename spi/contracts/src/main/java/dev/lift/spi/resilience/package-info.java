/**
 * Resilience contracts: named policies (retry, circuit breaker, timeout, bulkhead) that handlers
 * and resource providers wrap around downstream calls. Handlers depend on these interfaces only;
 * a plugin such as {@code resilience-failsafe} supplies the implementation as a resource.
 */
package dev.lift.spi.resilience;
