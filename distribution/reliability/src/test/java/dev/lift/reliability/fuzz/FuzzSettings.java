package dev.lift.reliability.fuzz;

/** Settings shared by the fuzz targets. */
final class FuzzSettings {

    /**
     * How long {@code JAZZER_FUZZ=1 mvn test -Dtest=Class#method} fuzzes one target. Jazzer 0.24
     * takes the duration from the annotation only (a later {@code -max_total_time} argument never
     * reaches libFuzzer), so {@code scripts/fuzz.sh} runs targets through Jazzer's own driver when it
     * needs another duration. Regression runs ({@code mvn verify}) ignore it.
     */
    static final String MAX_DURATION = "5m";

    private FuzzSettings() {
    }
}
