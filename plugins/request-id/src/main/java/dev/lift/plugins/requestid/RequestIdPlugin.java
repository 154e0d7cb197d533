package dev.lift.plugins.requestid;

import dev.lift.api.Api;
import dev.lift.api.EventKind;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.InvocationContext;
import dev.lift.api.PluginContext;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.Settings;
import dev.lift.api.SettingException;
import dev.lift.api.SpiVersion;
import dev.lift.spi.InvocationListener;
import dev.lift.spi.MiddlewarePlugin;

/**
 * Request ids and correlation, on by default. For HTTP, a {@link RequestIdMiddleware} on every
 * route and on the answers no route gives (404, 405, 400, 503), outermost of all global
 * middleware; for records, batches and events the correlation id is the Lambda request id. Every
 * invocation gets the attributes of {@link RequestIds}.
 *
 * <p>Settings (namespace {@code request-id}): {@code enabled} ({@code true}), {@code header}
 * ({@code X-Request-Id}), {@code max-length} (128, 1 to 1024).
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class RequestIdPlugin implements MiddlewarePlugin, InvocationListener {

    /** The plugin id and settings namespace. */
    public static final String ID = "request-id";

    private volatile RequestIdMiddleware middleware;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return OBSERVABILITY; // first of all: every other layer and every log line sees the ids
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public boolean init(PluginContext context) {
        Settings s = context.settings();
        if (!s.getBoolean("enabled", true)) {
            return false;
        }
        String header = s.get("header", RequestIdMiddleware.DEFAULT_HEADER).trim();
        if (!RequestIdMiddleware.validHeaderName(header)) {
            throw new SettingException(s.describe("header"), header,
                    "an HTTP header name: letters, digits and !#$%&'*+-.^_`|~");
        }
        int maxLength = s.getInt("max-length", RequestIdMiddleware.DEFAULT_MAX_LENGTH, 1, 1024);
        middleware = new RequestIdMiddleware(header, maxLength);
        return true;
    }

    @Override
    public HttpMiddleware http(RouteDescriptor route) {
        return middleware;
    }

    @Override
    public void onStart(InvocationContext invocation) {
        RequestIds.tag(invocation);
        if (invocation.route() == null || invocation.route().kind() != EventKind.HTTP) {
            invocation.attribute(RequestIds.CORRELATION_ID, invocation.requestId());
        }
    }
}
