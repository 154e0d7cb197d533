package dev.lift.api;

/**
 * A record or event that can say, in a few words, which one it is: what the kernel writes into
 * logs and error messages (which may be posted to the Lambda Runtime API) when it cannot route it.
 * A description names identifiers and the attributes selectors look at (queue ARN, bucket and key,
 * stream ARN, table, rule, detail type, route key); it never carries the body, headers or
 * anything else a sender may have put in the payload. Types that do not implement it are
 * described by their type name only.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public interface Describable {

    /** A short, payload-free description, for example {@code "SQS message 42 of queue arn:aws:sqs:...:orders"}. */
    String describe();
}
