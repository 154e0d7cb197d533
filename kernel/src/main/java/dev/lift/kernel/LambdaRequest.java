package dev.lift.kernel;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.UUID;

/**
 * What the caller of {@link LiftKernel#invoke} knows about an invocation: from Lambda's
 * {@link Context}, from the Runtime API's headers, or made up for local runs and tests.
 *
 * @param requestId the Lambda request id
 * @param deadlineMillis the deadline, epoch milliseconds
 * @param invokedFunctionArn the ARN the function was invoked with
 * @param traceId the X-Ray trace header, or null
 * @param functionName the function name
 * @param functionVersion the function version
 * @param memoryLimitMb configured memory in MB
 */
public record LambdaRequest(String requestId, long deadlineMillis, String invokedFunctionArn, String traceId,
                            String functionName, String functionVersion, int memoryLimitMb) {

    /** A local invocation with a fresh request id and the given time budget. */
    public static LambdaRequest local(long timeoutMillis) {
        String name = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "local");
        return new LambdaRequest(UUID.randomUUID().toString(), System.currentTimeMillis() + timeoutMillis,
                "arn:aws:lambda:local:000000000000:function:" + name, null, name,
                System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                intEnv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", 512));
    }

    /** A local invocation with a 30-second budget. */
    public static LambdaRequest local() {
        return local(30_000);
    }

    /** From the Lambda Java runtime's context. */
    public static LambdaRequest from(Context context) {
        if (context == null) {
            return local();
        }
        // This invocation's own trace header: the runtime's process-wide property and variable are
        // shared by every invocation that runs at once (Managed Instances), so they are never read.
        String trace = context.getXrayTraceId();
        return new LambdaRequest(context.getAwsRequestId(),
                System.currentTimeMillis() + context.getRemainingTimeInMillis(),
                context.getInvokedFunctionArn(), trace, context.getFunctionName(), context.getFunctionVersion(),
                context.getMemoryLimitInMB());
    }

    private static int intEnv(String name, int fallback) {
        try {
            return Integer.parseInt(System.getenv().getOrDefault(name, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
