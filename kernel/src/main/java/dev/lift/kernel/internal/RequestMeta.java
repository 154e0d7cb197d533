package dev.lift.kernel.internal;

/** What the caller knows about an invocation: from the Lambda Context, the Runtime API headers, or made up locally. */
public record RequestMeta(String requestId, long deadlineMillis, String invokedFunctionArn, String traceId,
                          String functionName, String functionVersion, int memoryLimitMb) {
}
