/**
 * A key-value store with conditional writes and expiry: the contract that plugins share when one
 * keeps state and another reads it. The idempotency and rate-limit middleware write against
 * {@link dev.lift.spi.store.KeyValueStore}; a store plugin ({@code store-memory}, or one backed by
 * DynamoDB conditional writes and a TTL attribute) supplies it as a resource. Plugins never depend
 * on each other, so they meet here.
 */
package dev.lift.spi.store;
