/**
 * For breakdown.sh: the cost of the first System.getLogger, which starts JDK logging (the LoggerFinder lookup,
 * LogManager, logging.properties). Lift's kernel and its logging plugin both do this at boot; timed against
 * EmptyMain.
 */
public final class FirstLogger {
    public static void main(String[] args) {
        System.getLogger("lift.kernel");
    }
}
