import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import dev.lift.events.S3Notification;
import dev.lift.plugins.apigatewayv1.ApiGatewayV1Adapter;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.s3.S3Adapter;
import dev.lift.test.LiftTestKit;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times the inputs of issue 12's defects 4 and 5 through a real kernel, so that the same program can run against a build
 * from before the fixes and against the current one (see ../scripts/parsing-timings.sh). Prints one line per input:
 * what, size, best-of-3 milliseconds. Not a test: a record of figures for RELIABILITY.md.
 */
public final class ParsingTimings {

    public static void main(String[] args) throws Exception {
        Path events = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper();
        String httpTemplate = Files.readString(events.resolve("apigw_http_event.json"));
        String restTemplate = Files.readString(events.resolve("apigw_rest_event.json"));
        String s3Template = Files.readString(events.resolve("s3_event.json"));

        LiftApplication app = new LiftApplication() {
            @Override public String id() { return "timings"; }
            @Override public void configure(Routes routes) {
                routes.get("/my/path", (req, ctx) -> req.queryParameters().size() + req.cookies().size());
                routes.onRecord(S3Notification.matching(null, "**a**a**a**b", null), (n, ctx) -> { });
            }
        };
        try (LiftTestKit kit = LiftTestKit.builder().plugin(new ApiGatewayV2Adapter()).plugin(new ApiGatewayV1Adapter()).plugin(new S3Adapter())
                .plugin(app).timeoutMillis(600_000).build()) {
            for (int kib : new int[] {64, 128, 256, 512, 1024, 2048}) {
                String pieces = "a&".repeat(kib * 512);
                ObjectNode event = (ObjectNode) json.readTree(httpTemplate);
                event.put("rawPath", "/my/path");
                event.with("requestContext").with("http").put("path", "/my/path").put("method", "GET");
                event.put("routeKey", "$default");
                event.put("rawQueryString", pieces);
                event.remove("queryStringParameters");
                event.remove("cookies");
                time(kit, "query a&a&a...", kib, json.writeValueAsBytes(event));

                ObjectNode cookieEvent = (ObjectNode) json.readTree(restTemplate);
                cookieEvent.put("resource", "/my/path").put("path", "/my/path").put("httpMethod", "GET");
                cookieEvent.with("requestContext").put("resourcePath", "/my/path").put("httpMethod", "GET").put("path", "/my/path");
                cookieEvent.remove("queryStringParameters");
                cookieEvent.remove("multiValueQueryStringParameters");
                cookieEvent.remove("pathParameters");
                cookieEvent.remove("body");
                String cookie = "a;".repeat(kib * 512);
                cookieEvent.putObject("headers").put("Cookie", cookie);
                cookieEvent.putObject("multiValueHeaders").putArray("Cookie").add(cookie);
                time(kit, "REST Cookie a;a;a...", kib, json.writeValueAsBytes(cookieEvent));
            }
            for (int length : new int[] {33, 65, 129, 257, 513}) {
                ObjectNode event = (ObjectNode) json.readTree(s3Template);
                ((ObjectNode) event.withArray("Records").get(0).with("s3").with("object")).put("key", "a".repeat(length - 1) + "c");
                time(kit, "S3 key vs **a**a**a**b", length, json.writeValueAsBytes(event));
            }
        }
    }

    private static void time(LiftTestKit kit, String what, int size, byte[] event) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            try {
                kit.invoke(event);
            } catch (RuntimeException unmatched) {
                // the S3 key matches no handler: the time spent deciding that is the figure
            }
            best = Math.min(best, System.nanoTime() - start);
            if (best > 60_000_000_000L) {
                break;   // one run over a minute is figure enough
            }
        }
        System.out.printf("%-24s %8d %12.1f%n", what, size, best / 1e6);
    }
}
