/**
 * Event model types for the AWS event sources Lift's adapters decode (SQS, SNS, S3, EventBridge,
 * scheduled rules, DynamoDB Streams, Kinesis, WebSocket), each with the {@link dev.lift.api.EventSelector}
 * factories that route its records or events to handlers. Plain immutable values: JDK and Jackson only.
 */
package dev.lift.events;
