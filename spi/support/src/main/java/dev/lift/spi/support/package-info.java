/**
 * Optional helpers for plugin authors, kept beside the contracts so that the contracts stay small.
 */
package dev.lift.spi.support;
