package dev.lift.kernel;

import java.util.List;

/**
 * One line of the route table: for HTTP the method and path; for events the kind
 * ({@code RECORD}, {@code BATCH}, {@code EVENT}) and the selector.
 *
 * @param method HTTP method, or the event kind
 * @param path the path template, or the selector
 * @param handler {@code <application id>:<handler>}
 * @param middleware the compiled chain, outermost first
 */
public record RouteInfo(String method, String path, String handler, List<String> middleware) {
}
