package dev.lift.api;

/**
 * One invalid field of a request: its JSON path ({@code "address.zip"}, {@code "items[2].qty"})
 * and what is wrong with it, in words a client developer can act on.
 *
 * @param field the field's path; {@code "$"} for the whole document
 * @param message what is wrong, for example {@code "is required"}
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record FieldError(String field, String message) {
}
