package dev.lift.plugins.problem;

import dev.lift.api.SpiVersion;
import dev.lift.api.Api;
import dev.lift.spi.ErrorStrategy;
import dev.lift.api.InvocationContext;
import dev.lift.api.PluginContext;
import dev.lift.spi.RecordFailure;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides, by exception type, what happens to a batch record whose handler threw:
 * <ul>
 *   <li>{@code drop}: acknowledge it, for poison messages that will never succeed; the kernel
 *       logs it once at ERROR with the request id, the record's identifier, this plugin's id and
 *       the stack;</li>
 *   <li>{@code fail-batch}: fail the whole invocation so that the whole batch is retried;</li>
 *   <li>any other type: no opinion, so the kernel reports the record in
 *       {@code batchItemFailures} (its default, {@link RecordFailure#REPORT}).</li>
 * </ul>
 *
 * <p>Settings (namespace {@code error-records}), each a comma-separated list of fully qualified
 * exception class names:
 * <pre>
 * lift.error-records.drop=com.fasterxml.jackson.core.JsonProcessingException,com.acme.PoisonMessage
 * lift.error-records.fail-batch=java.lang.OutOfMemoryError
 * </pre>
 * An exception matches a listed type when the type is its class, a superclass or an interface it
 * implements; the closest match wins. Matching compares names, so the listed classes need not be
 * visible to this plugin's class loader. With neither setting, the plugin declines to take part.
 * Immutable once initialised.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class RecordFailurePolicy implements ErrorStrategy {

    /** The plugin id, which is also the settings namespace. */
    public static final String ID = "error-records";

    private static final System.Logger LOG = System.getLogger("lift.errors");

    private static final String ALLOWED = "a comma-separated list of fully qualified exception class names, "
            + "such as java.io.UncheckedIOException,com.acme.PoisonMessage";

    private static final Pattern QUALIFIED_NAME = Pattern.compile(
            "(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*\\.)+\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");

    /** Written once by {@link #init}, before the first invocation; volatile to publish it safely. */
    private volatile Rules rules = new Rules(Map.of());

    /** For {@link java.util.ServiceLoader}. */
    public RecordFailurePolicy() {
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

    /**
     * Reads and checks the lists.
     *
     * @return false (the plugin declines) when neither list is set
     * @throws SettingException naming the setting for a blank entry, a name that is not a fully
     *     qualified class name, a class that is not an exception, or a type in both lists
     */
    @Override
    public boolean init(PluginContext context) {
        Settings settings = context.settings();
        Map<String, Rule> byName = new LinkedHashMap<>();
        read(settings, "drop", RecordFailure.DROP, byName);
        read(settings, "fail-batch", RecordFailure.FAIL_BATCH, byName);
        rules = new Rules(Map.copyOf(byName));
        return !byName.isEmpty();
    }

    private static void read(Settings settings, String key, RecordFailure action, Map<String, Rule> into) {
        Optional<String> raw = settings.get(key);
        if (raw.isEmpty()) {
            return;
        }
        String setting = settings.describe(key);
        for (String part : raw.get().split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw new SettingException(setting, raw.get(), ALLOWED + " (an entry is blank)");
            }
            if (!QUALIFIED_NAME.matcher(name).matches()) {
                throw new SettingException(setting, raw.get(), ALLOWED + " ('" + name + "' is not a fully qualified class name)");
            }
            checkIsThrowableIfVisible(setting, raw.get(), name);
            Rule previous = into.putIfAbsent(name, new Rule(action, setting, name));
            if (previous != null && previous.action() != action) {
                throw new SettingException(setting, raw.get(), "types not already listed in " + previous.setting()
                        + " (" + name + " is in both)");
            }
        }
    }

    /** A name that loads must be a Throwable or an interface; one that does not load is still matched by name. */
    private static void checkIsThrowableIfVisible(String setting, String raw, String name) {
        Class<?> type = null;
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                RecordFailurePolicy.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                type = Class.forName(name, false, loader);
                break;
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        if (type == null) {
            LOG.log(System.Logger.Level.WARNING, "Class " + name + " in " + setting + " is not visible to plugin '" + ID
                    + "'; it will be matched by name, so check its spelling");
        } else if (!Throwable.class.isAssignableFrom(type) && !type.isInterface()) {
            // An interface may mark exception types (a PoisonMessage marker, say); any other class never matches.
            throw new SettingException(setting, raw, ALLOWED + " (" + name + " is not an exception type)");
        }
    }

    @Override
    public Optional<RecordFailure> onRecordFailure(Throwable error, Object record, InvocationContext context) {
        Rule rule = rules.match(error.getClass());
        if (rule == null) {
            return Optional.empty();
        }
        return Optional.of(rule.action());
    }

    /** One listed type and what to do with its exceptions. */
    private record Rule(RecordFailure action, String setting, String type) {
    }

    /** The listed types by name, and per exception class the closest listed supertype, computed once. */
    private static final class Rules {
        private final Map<String, Rule> byName;
        private final ClassValue<Optional<Rule>> byClass = new ClassValue<>() {
            @Override
            protected Optional<Rule> computeValue(Class<?> type) {
                return Optional.ofNullable(closest(type));
            }
        };

        Rules(Map<String, Rule> byName) {
            this.byName = byName;
        }

        Rule match(Class<?> type) {
            return byName.isEmpty() ? null : byClass.get(type).orElse(null);
        }

        /** Each class of the superclass chain, then the interfaces it declares: nearer types first. */
        private Rule closest(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                Rule r = byName.get(c.getName());
                if (r != null) {
                    return r;
                }
                Deque<Class<?>> interfaces = new ArrayDeque<>(java.util.List.of(c.getInterfaces()));
                while (!interfaces.isEmpty()) {
                    Class<?> i = interfaces.poll();
                    r = byName.get(i.getName());
                    if (r != null) {
                        return r;
                    }
                    interfaces.addAll(java.util.List.of(i.getInterfaces()));
                }
            }
            return null;
        }
    }
}
