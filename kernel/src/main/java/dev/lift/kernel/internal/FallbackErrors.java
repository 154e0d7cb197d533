package dev.lift.kernel.internal;

import dev.lift.api.FieldError;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's own error answer when no error strategy gave one (the problem-details plugin is
 * left out, or passed): a small JSON body with the status, its reason, the exception's
 * client-facing detail and field errors (a {@link LiftException} says only what its thrower meant
 * a client to see) and the request id. Anything else is a bare 500 with the request id.
 */
final class FallbackErrors {

    private FallbackErrors() {
    }

    static HttpResponse toResponse(LiftException error, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", error.status());
        body.put("error", LiftException.titleFor(error.status()));
        if (error.detail() != null) {
            body.put("detail", error.detail());
        }
        if (!error.fieldErrors().isEmpty()) {
            List<Map<String, String>> fields = new ArrayList<>();
            for (FieldError f : error.fieldErrors()) {
                Map<String, String> field = new LinkedHashMap<>();
                field.put("field", f.field());
                field.put("message", f.message());
                fields.add(field);
            }
            body.put("errors", fields);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        HttpResponse response = HttpResponse.json(body).withStatus(error.status());
        error.headers().forEach(response::header);
        return response;
    }

    static HttpResponse internalError(String requestId) {
        return toResponse(new LiftException(500, null), requestId);
    }
}
