package dev.lift.example;

import dev.lift.api.Api;
import dev.lift.api.FieldError;
import dev.lift.api.LiftException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /todos} and {@code PUT /todos/{id}}: {@code {"title":"...","done":false}}.
 * {@code done} is optional (false); {@code title} is required and must not be blank.
 *
 * @param title what to do
 * @param done whether it is done; null means false
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record TodoInput(String title, Boolean done) {

    /** Checks the fields and fails with a 422 that lists every invalid one. */
    public TodoInput validated() {
        List<FieldError> errors = new ArrayList<>();
        if (title == null) {
            errors.add(new FieldError("title", "is required"));
        } else if (title.isBlank()) {
            errors.add(new FieldError("title", "must not be blank"));
        } else if (title.length() > 200) {
            errors.add(new FieldError("title", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw LiftException.unprocessable(errors);
        }
        return this;
    }

    /** {@code done}, with null read as false. */
    public boolean doneOrFalse() {
        return Boolean.TRUE.equals(done);
    }
}
