package dev.lift.example;

import dev.lift.api.Api;

/**
 * One todo as the API returns it.
 *
 * @param id the id the store gave it
 * @param title what to do
 * @param done whether it is done
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record Todo(String id, String title, boolean done) {
}
