package dev.lift.plugins.dynamodbclient;

import java.time.Duration;

/** Health checks run within the kernel's one second per resource: a call gets a little less. */
final class HealthCalls {

    static final Duration TIMEOUT = Duration.ofMillis(800);

    private HealthCalls() {
    }
}
