package dev.lift.api;

/**
 * A setting has a value that is not allowed. The message names the setting (property and
 * environment variable), the value given and what is allowed, so that boot fails with a message
 * an operator can act on.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public class SettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the setting's names, as {@link Settings#describe(String)} gives them
     * @param value the value that was given
     * @param allowed what is allowed instead, in words
     */
    public SettingException(String setting, String value, String allowed) {
        super("Invalid setting " + setting + ": '" + value + "' is not allowed; expected " + allowed);
        this.setting = setting;
    }

    /** The setting's names. */
    public String setting() {
        return setting;
    }
}
