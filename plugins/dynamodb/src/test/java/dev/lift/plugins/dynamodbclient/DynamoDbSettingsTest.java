package dev.lift.plugins.dynamodbclient;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.plugins.testsupport.TestApp;
import dev.lift.test.LiftTestKit;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A bad setting fails boot with a message naming the setting and what it allows; no setting, no store. */
class DynamoDbSettingsTest {

    private static Throwable bootFailure(Map<String, String> settings) {
        LiftTestKit.Builder b = LiftTestKit.builder()
                .plugin(DynamoDbLocal.provider())
                .plugin(new DynamoDbStoreProvider())
                .plugin(new TestApp(r -> r.get("/", (req, ctx) -> "ok")));
        settings.forEach(b::setting);
        Throwable t = assertThrows(Throwable.class, () -> b.build().close());
        while (t.getCause() != null && !t.getMessage().contains("lift.dynamodb")) {
            t = t.getCause();
        }
        return t;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lift.dynamodb.endpoint|localhost:8000|lift.dynamodb.endpoint (env LIFT_DYNAMODB_ENDPOINT)|an http:// or https:// URL such as http://127.0.0.1:8000",
        "lift.dynamodb.region|Europe/Berlin|lift.dynamodb.region (env LIFT_DYNAMODB_REGION)|an AWS region such as eu-central-1",
        "lift.dynamodb.max-attempts|0|lift.dynamodb.max-attempts (env LIFT_DYNAMODB_MAX_ATTEMPTS)|a whole number from 1 to 10",
        "lift.dynamodb.call-timeout|0s|lift.dynamodb.call-timeout (env LIFT_DYNAMODB_CALL_TIMEOUT)|a duration from 1ms to 15m, such as 2s",
        "lift.dynamodb.store-table|a b|lift.dynamodb.store-table (env LIFT_DYNAMODB_STORE_TABLE)|a DynamoDB table name: 3 to 255 of a-z, A-Z, 0-9, _, - and .",
        "lift.dynamodb.create-tables|yes|lift.dynamodb.create-tables (env LIFT_DYNAMODB_CREATE_TABLES)|true or false"})
    void aBadValueFailsBootNamingTheSettingAndWhatIsAllowed(String setting, String value, String named, String allowed) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("lift.dynamodb.region", "eu-central-1",
                "lift.dynamodb.store-table", "lift-store"));
        settings.put(setting, value);
        String message = bootFailure(settings).getMessage();
        assertTrue(message.contains(named), message);
        assertTrue(message.contains(allowed), message);
        assertTrue(message.contains(value), message);
    }

    @Test
    void withoutStoreTableTheStoreDeclinesAndNoKeyValueStoreIsOpen() {
        try (LiftTestKit lift = LiftTestKit.builder()
                .plugin(DynamoDbLocal.provider())
                .plugin(new DynamoDbStoreProvider())
                .setting("lift.dynamodb.region", "eu-central-1")
                .setting("lift.dynamodb.endpoint", "http://127.0.0.1:9")
                .build()) {
            assertFalse(lift.kernel().health().containsKey("resource:dynamodb-store"), lift.kernel().health().toString());
            assertTrue(lift.kernel().health().containsKey("resource:dynamodb"));
        }
    }

    @Test
    void theStoreWithoutTheClientsPluginFailsBootSayingWhatToAdd() {
        LiftTestKit.Builder b = LiftTestKit.builder().plugin(new DynamoDbStoreProvider())
                .setting("lift.dynamodb.store-table", "lift-store");
        Throwable t = assertThrows(Throwable.class, () -> b.build().close());
        String all = t.getMessage() + (t.getCause() == null ? "" : " " + t.getCause().getMessage());
        assertTrue(all.contains("needs the DynamoDB clients of plugin 'dynamodb'"), all);
    }
}
