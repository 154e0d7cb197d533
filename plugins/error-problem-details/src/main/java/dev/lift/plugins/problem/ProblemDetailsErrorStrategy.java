package dev.lift.plugins.problem;

import dev.lift.api.SpiVersion;
import dev.lift.api.Api;
import dev.lift.spi.ErrorStrategy;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftException;
import dev.lift.api.PluginContext;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Answers every HTTP error with an RFC 9457 {@code application/problem+json} body.
 *
 * <ul>
 *   <li>A {@link LiftException} (also one wrapped in a {@link CompletionException},
 *       {@link ExecutionException}, {@link InvocationTargetException} or
 *       {@link UndeclaredThrowableException}) is rendered as it is: status, title, code, detail,
 *       headers such as {@code Retry-After}, field errors, the request path as {@code instance}
 *       and the request id. A 5xx with a cause is logged at ERROR with the cause.</li>
 *   <li>Anything else becomes a 500 whose body holds a generic title and the request id only:
 *       never the exception's class, message or stack. The exception goes to the log instead, at
 *       ERROR on logger {@code lift.errors}, with the request id, method and path.</li>
 * </ul>
 *
 * <p>Settings (namespace {@code error-problem-details}):
 * <ul>
 *   <li>{@code type-base}: an absolute URI; when set, a problem's {@code type} is this followed by
 *       its code ({@code https://errors.example.com/not_found}) instead of {@code about:blank};</li>
 *   <li>{@code log-client-errors}: {@code true} to log 4xx answers at INFO instead of DEBUG.</li>
 * </ul>
 *
 * <p>Its {@link #order()} is high so that a user strategy for the same type runs first; a
 * strategy for a narrower type always does. Immutable once initialised.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class ProblemDetailsErrorStrategy implements ErrorStrategy {

    /** The plugin id, which is also the settings namespace. */
    public static final String ID = "error-problem-details";

    private static final System.Logger LOG = System.getLogger("lift.errors");

    /** Written once by {@link #init}, before the first invocation; volatile to publish it safely. */
    private volatile Config config = new Config(null, false);

    private record Config(URI typeBase, boolean logClientErrors) {
    }

    /** For {@link java.util.ServiceLoader}. */
    public ProblemDetailsErrorStrategy() {
    }

    @Override
    public String id() {
        return ID;
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** After user strategies for the same exception type. */
    @Override
    public int order() {
        return 1000;
    }

    @Override
    public Class<? extends Throwable> handles() {
        return Throwable.class;
    }

    @Override
    public boolean init(PluginContext context) {
        Settings settings = context.settings();
        config = new Config(typeBase(settings), settings.getBoolean("log-client-errors", false));
        return true;
    }

    private static URI typeBase(Settings settings) {
        Optional<String> raw = settings.get("type-base");
        if (raw.isEmpty()) {
            return null;
        }
        String allowed = "an absolute URI such as https://errors.example.com/problems/";
        try {
            URI uri = new URI(raw.get().trim());
            if (!uri.isAbsolute()) {
                throw new SettingException(settings.describe("type-base"), raw.get(), allowed);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new SettingException(settings.describe("type-base"), raw.get(), allowed);
        }
    }

    @Override
    public Optional<HttpResponse> toResponse(Throwable error, HttpRequest request, InvocationContext context) {
        Config c = config;
        String requestId = context == null ? null : context.requestId();
        String path = request == null ? null : request.path();
        LiftException lift = liftException(error);
        if (lift != null) {
            log(lift, requestId, request, c);
            return Optional.of(ProblemDetails.toResponse(lift, requestId, path, c.typeBase()));
        }
        LOG.log(System.Logger.Level.ERROR, "Request " + requestId + " " + describe(request)
                + " failed with an unhandled exception; answered 500 without details", error);
        return Optional.of(ProblemDetails.internalError(requestId, path, c.typeBase()));
    }

    /** The LiftException to render, looking through the JDK's wrappers of asynchronous and reflective calls. */
    private static LiftException liftException(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 4; depth++) {
            if (t instanceof LiftException) {
                return (LiftException) t;
            }
            boolean wrapper = t instanceof CompletionException || t instanceof ExecutionException
                    || t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException;
            if (!wrapper) {
                return null;
            }
            t = t.getCause();
        }
        return null;
    }

    private static void log(LiftException e, String requestId, HttpRequest request, Config c) {
        if (e.status() >= 500) {
            String message = "Request " + requestId + " " + describe(request) + " answered " + e.status() + " "
                    + e.code() + (e.detail() == null ? "" : ": " + e.detail());
            if (e.getCause() != null) {
                LOG.log(System.Logger.Level.ERROR, message, e);
            } else {
                LOG.log(System.Logger.Level.WARNING, message);
            }
            return;
        }
        System.Logger.Level level = c.logClientErrors() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
        if (LOG.isLoggable(level)) {
            LOG.log(level, "Request " + requestId + " " + describe(request) + " answered " + e.status() + " " + e.code()
                    + (e.detail() == null ? "" : ": " + e.detail())
                    + (e.getCause() == null ? "" : " (cause: " + e.getCause() + ")"));
        }
    }

    private static String describe(HttpRequest request) {
        // The path only: query strings may carry tokens.
        return request == null ? "(request not decoded)" : request.method() + " " + request.path();
    }
}
