package dev.lift.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code META-INF/services} on the test class path (every Lift module's jar or classes
 * directory) registers, read the way {@link java.util.ServiceLoader} reads it.
 */
final class ServiceRegistration {

    /** The interfaces the kernel looks up with ServiceLoader, one at a time. */
    static final List<String> EXTENSION_POINTS = List.of(
            "dev.lift.spi.EventAdapter", "dev.lift.spi.MiddlewarePlugin", "dev.lift.spi.ErrorStrategy",
            "dev.lift.spi.ResourceProvider", "dev.lift.spi.HealthCheck", "dev.lift.spi.MetricsSink",
            "dev.lift.spi.EventConverter", "dev.lift.api.LiftApplication");

    private static final Map<String, Set<String>> PROVIDERS = new LinkedHashMap<>();

    private ServiceRegistration() {
    }

    /** The extension points a class implements, directly or through a supertype. */
    static List<String> extensionPointsOf(JavaClass c) {
        List<String> found = new ArrayList<>();
        for (String ep : EXTENSION_POINTS) {
            if (!c.getName().equals(ep) && c.isAssignableTo(ep)) {
                found.add(ep);
            }
        }
        return found;
    }

    /** Every class name listed in {@code META-INF/services/<service>} of every class path entry. */
    static synchronized Set<String> providersOf(String service) {
        return PROVIDERS.computeIfAbsent(service, ServiceRegistration::read);
    }

    /** The class path entries that ship {@code META-INF/services/<service>}. */
    static List<URL> filesFor(String service) {
        try {
            return Collections.list(loader().getResources("META-INF/services/" + service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArchCondition<JavaClass> beListedInMetaInfServicesForEachExtensionPoint() {
        return new ArchCondition<>("be listed in META-INF/services/<extension point> for each extension point "
                + "they implement") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (String ep : extensionPointsOf(c)) {
                    boolean listed = providersOf(ep).contains(c.getName());
                    String message = c.getName() + " implements " + ep + (listed ? " and is" : " but is not")
                            + " listed in META-INF/services/" + ep + " (files found: " + filesFor(ep) + ")";
                    events.add(new SimpleConditionEvent(c, listed, message));
                }
            }
        };
    }

    private static Set<String> read(String service) {
        Set<String> names = new TreeSet<>();
        for (URL url : filesFor(service)) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int hash = line.indexOf('#');
                    String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + url, e);
            }
        }
        return names;
    }

    private static ClassLoader loader() {
        return ServiceRegistration.class.getClassLoader();
    }
}
