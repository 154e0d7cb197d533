package dev.lift.kernel.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftEvent;
import dev.lift.spi.EventAdapter;
import java.io.IOException;
import java.io.OutputStream;

/** Writes an outcome through the adapter that decoded the event, in the shape its source expects. */
final class Encoding {

    private static final System.Logger LOG = System.getLogger("lift.errors");

    private final ObjectMapper mapper;

    Encoding(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A response's JSON value written with the kernel's mapper; one that cannot be written (an
     * error strategy's, say: a handler's is written inside its chain) becomes the plain 500.
     */
    HttpResponse ready(HttpResponse response, InvocationContext invocation) {
        try {
            return response.writeJson(mapper);
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.ERROR, "Request " + invocation.requestId() + ": " + e.getMessage(), e);
            return FallbackErrors.internalError(invocation.requestId());
        }
    }

    void encode(EventAdapter adapter, LiftEvent event, Object result, OutputStream out) throws IOException {
        JsonGenerator g = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        adapter.encode(event, result, g);
        // close(), not just flush(): only close() hands the generator's 8 KB output buffer back to
        // Jackson's recycler; the caller's stream stays open. Not in a finally: closing after a failed
        // encode would complete the half-written JSON and send it.
        g.close();
    }
}
