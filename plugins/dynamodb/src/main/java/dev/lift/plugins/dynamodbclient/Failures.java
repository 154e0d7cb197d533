package dev.lift.plugins.dynamodbclient;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** What went wrong with a call, for logs and health details: the kind and code, never a request's data. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return s.getClass().getSimpleName() + (code == null ? "" : " " + code) + " (HTTP " + s.statusCode() + ")";
        }
        if (e instanceof SdkClientException) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return "unreachable: " + cause.getClass().getSimpleName();
        }
        return e.getClass().getSimpleName();
    }
}
