package dev.lift.plugins.idempotency;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What the store holds under one key, as JSON: an in-flight marker, or the finished work with the
 * response to replay (HTTP) and, always, the fingerprint of the payload that made it.
 *
 * @param state {@code in-flight} or {@code done}
 * @param fingerprint SHA-256 of the request (method, path, query and body) or of the record's body, hex
 * @param status the response status, for HTTP
 * @param headers the response headers, for HTTP
 * @param cookies the response's Set-Cookie values, for HTTP
 * @param body the response body, for HTTP
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredResponse(String state, String fingerprint, Integer status, Map<String, List<String>> headers,
                      List<String> cookies, byte[] body) {

    static final String IN_FLIGHT = "in-flight";
    static final String DONE = "done";

    static StoredResponse inFlight(String fingerprint) {
        return new StoredResponse(IN_FLIGHT, fingerprint, null, null, null, null);
    }

    boolean inFlight() {
        return IN_FLIGHT.equals(state);
    }
}
