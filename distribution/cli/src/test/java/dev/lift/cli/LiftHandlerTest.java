package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.lift.kernel.LiftHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The managed-runtime entry point, called the way Lambda's Java runtime calls it, on lift.jar's class path. */
class LiftHandlerTest {

    /** What Lambda's Java runtime passes; only what Lift reads matters. */
    static final class FakeContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "c6af9ac6-7b61-11e6-9a41-93e812345678";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/lift-example";
        }

        @Override
        public String getLogStreamName() {
            return "2025/01/01/[$LATEST]abc";
        }

        @Override
        public String getFunctionName() {
            return "lift-example";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:lift-example";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 15_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.write(message, 0, message.length);
                }
            };
        }
    }

    @Test
    void answersAwsSampleHttpApiEventWithTheExactV2Response() throws Exception {
        byte[] event = Files.readAllBytes(Path.of(System.getProperty("lift.fixtures"), "apigw_http_event.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LiftHandler().handleRequest(new ByteArrayInputStream(event), out, new FakeContext());
        // x-request-id: the request-id plugin in lift.jar echoes the Lambda request id when the caller sent none;
        // the security-headers plugin adds its defaults to every response.
        assertEquals("{\"statusCode\":202,\"headers\":{\"content-type\":\"application/json\",\"referrer-policy\":\"no-referrer\","
                + "\"strict-transport-security\":\"max-age=31536000; includeSubDomains\",\"x-content-type-options\":\"nosniff\","
                + "\"x-frame-options\":\"DENY\",\"x-handled-by\":\"cli-test-app\","
                + "\"x-request-id\":\"c6af9ac6-7b61-11e6-9a41-93e812345678\"},"
                + "\"body\":\"{\\\"body\\\":\\\"Hello from Lambda!!\\\",\\\"cookies\\\":{\\\"cookie1\\\":\\\"\\\",\\\"cookie2\\\":\\\"\\\"},\\\"header2\\\":\\\"value1,value2\\\","
                + "\\\"parameter1\\\":[\\\"value1\\\",\\\"value2\\\"]}\",\"isBase64Encoded\":false}",
                out.toString(StandardCharsets.UTF_8));
    }
}
