package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What every invocation may reach: resources and kernel services, converters, metrics, the mapper. */
record Services(Resources resources, Converters converters, KernelMetrics metrics, ObjectMapper mapper) {
}
