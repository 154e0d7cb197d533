package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The defaults an application or plugin gets from the API without writing them: plugin metadata, the SPI
 * version it reports, metrics shorthands, resource look-ups and what a missing resource says, selectors.
 */
class PluginApiDefaultsTest {

    @Test
    void a_plugin_reports_order_zero_an_unknown_spi_and_its_jar_version() throws Exception {
        LiftPlugin p = () -> "mine";
        assertEquals(0, p.order());
        assertEquals(SpiVersion.UNKNOWN, p.spiVersion());
        assertEquals("unknown", p.version(), "a class directory has no Implementation-Version");
        assertEquals(List.of(), p.jsonModules());
        assertTrue(p.init(null));
    }

    @Test
    void spi_versions_read_as_major_dot_minor() {
        assertEquals("2.0", SpiVersion.describe(SpiVersion.CURRENT));
        assertEquals("1.7", SpiVersion.describe(107));
        assertEquals("unknown", SpiVersion.describe(SpiVersion.UNKNOWN));
        assertEquals("invalid (-3)", SpiVersion.describe(-3));
        assertEquals(2, SpiVersion.major(203));
        assertEquals(3, SpiVersion.minor(203));
        assertTrue(SpiVersion.OLDEST_SUPPORTED <= SpiVersion.CURRENT);
    }

    @Test
    void increment_records_one_count() {
        List<String> recorded = new ArrayList<>();
        Metrics m = (name, value, unit, dimensions) -> recorded.add(name + "=" + value + " " + unit + " " + dimensions);
        m.increment("OrdersPlaced");
        m.increment("OrdersPlaced", Map.of("tier", "gold"));
        assertEquals(List.of("OrdersPlaced=1.0 Count {}", "OrdersPlaced=1.0 Count {tier=gold}"), recorded);
        Metrics.NOOP.increment("ignored"); // accepts and drops
    }

    /** Only a {@code String} resource named "db" is open. */
    private static final ResourceLookup ONE_STRING = new ResourceLookup() {
        @Override
        public <T> Optional<T> find(Class<T> type) {
            return type == String.class ? Optional.of(type.cast("default")) : Optional.empty();
        }

        @Override
        public <T> Optional<T> find(Class<T> type, String name) {
            return type == String.class && "db".equals(name) ? Optional.of(type.cast("db")) : Optional.empty();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> find(TypeRef<T> type) {
            return type.rawType() == String.class ? Optional.of((T) "default") : Optional.empty();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> find(TypeRef<T> type, String name) {
            return type.rawType() == String.class && "db".equals(name) ? Optional.of((T) "db") : Optional.empty();
        }
    };

    @Test
    void require_returns_an_open_resource_or_says_which_plugin_is_missing() {
        assertEquals("default", ONE_STRING.require(String.class));
        assertEquals("db", ONE_STRING.require(String.class, "db"));
        assertEquals("default", ONE_STRING.require(TypeRef.of(String.class)));
        assertEquals("db", ONE_STRING.require(TypeRef.of(String.class), "db"));
        assertEquals("No resource of type java.lang.Integer is open: add the plugin that provides it, or check that it "
                + "did not decline", assertThrows(IllegalStateException.class, () -> ONE_STRING.require(Integer.class))
                .getMessage());
        assertEquals("No resource of type java.lang.String named 'cache' is open: add the plugin that provides it, or "
                + "check that it did not decline",
                assertThrows(IllegalStateException.class, () -> ONE_STRING.require(String.class, "cache")).getMessage());
        assertTrue(assertThrows(IllegalStateException.class,
                () -> ONE_STRING.require(new TypeRef<List<Integer>>() { })).getMessage()
                .startsWith("No resource of type java.util.List<java.lang.Integer> is open"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> ONE_STRING.require(TypeRef.of(Integer.class), "n")).getMessage()
                .startsWith("No resource of type java.lang.Integer named 'n' is open"));
    }

    @Test
    void selectors_describe_themselves_and_test_their_predicate() {
        EventSelector<String> any = EventSelector.any(String.class);
        EventSelector<String> orders = EventSelector.of(String.class, "orders only", 5, s -> s.startsWith("order"));
        assertEquals("any String", any.describe());
        assertEquals(0, any.specificity());
        assertTrue(any.matches("x"));
        assertEquals(String.class, orders.type());
        assertEquals(5, orders.specificity());
        assertTrue(orders.matches("order-1"));
        assertFalse(orders.matches("invoice-1"));
        assertEquals("orders only", orders.toString());
        EventSelector<String> plain = new EventSelector<>() {
            @Override
            public Class<String> type() {
                return String.class;
            }

            @Override
            public boolean matches(String event) {
                return true;
            }

            @Override
            public String describe() {
                return "plain";
            }
        };
        assertEquals(0, plain.specificity());
    }
}
