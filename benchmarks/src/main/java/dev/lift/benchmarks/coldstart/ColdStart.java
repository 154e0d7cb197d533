package dev.lift.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Lambda's managed Java runtime does for a cold start, and nothing else: create the handler
 * class named by the first argument (its constructor is the init phase), pass it the event file of
 * the second argument as bytes with a Context, print the response, exit. Both sides of the
 * comparison, {@link BareHandler} and {@code dev.lift.kernel.LiftHandler}, run under this same
 * driver with the same class path (lift.jar), so the difference between them is the framework.
 *
 * <p>With a third argument {@code footprint} it also prints, after the response, the resident set
 * size (VmRSS of /proc/self/status) right after the invocation and then the heap in use after a
 * full collection, as {@code footprint rss-kb=N heap-bytes=N}; that run is not one of the timed ones.
 */
public final class ColdStart {
    public static void main(String[] args) throws Throwable {
        RequestStreamHandler handler = (RequestStreamHandler)
                Class.forName(args[0]).getDeclaredConstructor().newInstance();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        handler.handleRequest(new ByteArrayInputStream(event), out, new FixedContext());
        System.out.write(out.toByteArray());
        System.out.println();
        if (args.length > 2 && args[2].equals("footprint")) {
            long rssKb = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            System.gc();
            long heap = runtime.totalMemory() - runtime.freeMemory();
            System.out.println("footprint rss-kb=" + rssKb + " heap-bytes=" + heap);
        }
        System.out.flush();
        System.exit(0);
    }

    /** The Context of one invocation, as the runtime would pass it. */
    static final class FixedContext implements Context {
        private final long deadline = System.currentTimeMillis() + 30_000;

        @Override public String getAwsRequestId() { return "cold-start-1"; }
        @Override public String getLogGroupName() { return "/aws/lambda/cold-start"; }
        @Override public String getLogStreamName() { return "cold-start"; }
        @Override public String getFunctionName() { return "cold-start"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:cold-start";
        }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.print(message); }
                @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
            };
        }
    }
}
