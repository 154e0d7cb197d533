package dev.lift.plugins.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lift.api.FieldError;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one RFC 9457 renderer: exact bodies and headers. */
class ProblemDetailsTest {

    @Test
    void rendersEveryMemberInAFixedOrder() {
        LiftException e = LiftException.unprocessable(List.of(new FieldError("name", "is required"),
                new FieldError("items[2].qty", "must be a number")));
        HttpResponse r = ProblemDetails.toResponse(e, "req-1", "/orders");
        assertEquals(422, r.statusCode());
        assertEquals(Map.of("Content-Type", List.of("application/problem+json")), r.headers());
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,"
                + "\"detail\":\"The request body has 2 invalid fields\",\"instance\":\"/orders\","
                + "\"code\":\"unprocessable_content\",\"requestId\":\"req-1\",\"errors\":["
                + "{\"field\":\"name\",\"message\":\"is required\"},"
                + "{\"field\":\"items[2].qty\",\"message\":\"must be a number\"}]}", r.bodyText());
    }

    @Test
    void leavesOutWhatIsUnknown() {
        HttpResponse r = ProblemDetails.toResponse(LiftException.internal(new RuntimeException("secret")), null, null);
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                + "\"code\":\"internal_error\"}", r.bodyText());
    }

    @Test
    void copiesTheErrorsHeaders() {
        HttpResponse r = ProblemDetails.toResponse(LiftException.unavailable("down", Duration.ofSeconds(30)), "r", "/x");
        assertEquals(Map.of("Content-Type", List.of("application/problem+json"), "Retry-After", List.of("30")),
                r.headers());
    }

    @Test
    void aTypeBaseMakesTheTypeTheBaseFollowedByTheCode() {
        URI base = URI.create("https://errors.example.com/problems/");
        assertEquals("{\"type\":\"https://errors.example.com/problems/not_found\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"No order 9\",\"instance\":\"/orders/9\",\"code\":\"not_found\",\"requestId\":\"r\"}",
                ProblemDetails.toResponse(LiftException.notFound("No order 9"), "r", "/orders/9", base).bodyText());
        assertEquals("{\"type\":\"https://errors.example.com/problems/internal_error\",\"title\":\"Internal Server Error\","
                        + "\"status\":500,\"instance\":\"/x\",\"code\":\"internal_error\",\"requestId\":\"r\"}",
                ProblemDetails.internalError("r", "/x", base).bodyText());
        assertEquals(ProblemDetails.internalError("r", "/x").bodyText(),
                ProblemDetails.internalError("r", "/x", null).bodyText());
    }
}
