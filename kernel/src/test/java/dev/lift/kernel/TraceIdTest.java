package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The trace id is the invocation's own: concurrent invocations never see each other's. */
class TraceIdTest {

    /** The Lambda Java runtime's context of one invocation. */
    record FakeContext(String requestId, String traceId) implements Context {
        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getXrayTraceId() {
            return traceId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/f";
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionName() {
            return "f";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:f";
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
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }

    @Test
    void eachInvocationSeesItsOwnTraceIdNotTheProcessWideProperty() throws Exception {
        String before = System.getProperty("com.amazonaws.xray.traceHeader");
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-process-wide");
        try {
            LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                    .plugin(new TestApp(r -> r.get("/trace", (req, ctx) -> ctx.traceId().orElse("none")))).build();
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String trace = "Root=1-5759e988-bd862e3fe1be46a99427" + i;
                calls.add(CompletableFuture.supplyAsync(() -> Responses.parse(k.invoke(
                        TestHttpAdapter.request("GET", "/trace", null),
                        LambdaRequest.from(new FakeContext("req-" + trace, trace)))).get("body").asText()));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals("Root=1-5759e988-bd862e3fe1be46a99427" + i, calls.get(i).get());
            }
        } finally {
            if (before == null) {
                System.clearProperty("com.amazonaws.xray.traceHeader");
            } else {
                System.setProperty("com.amazonaws.xray.traceHeader", before);
            }
        }
    }
}
