package dev.lift.plugins.awsevents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import org.joda.time.DateTime;

/**
 * ISO-8601 text ({@code 2020-10-08T16:06:14.656Z}) into a joda {@link DateTime}, with
 * {@link DateTime#parse(String)} as aws-lambda-java-events parses S3's {@code eventTime} itself: the
 * instant is exact and the zone is the offset written in the text (UTC for {@code Z}).
 */
final class IsoDateTimeDeserializer extends StdScalarDeserializer<DateTime> {

    private static final long serialVersionUID = 1L;

    IsoDateTimeDeserializer() {
        super(DateTime.class);
    }

    @Override
    public DateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (DateTime) ctxt.handleUnexpectedToken(DateTime.class, p);
        }
        String text = p.getText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return DateTime.parse(text);
        } catch (IllegalArgumentException e) {
            return (DateTime) ctxt.handleWeirdStringValue(DateTime.class, text, "not an ISO-8601 date-time");
        }
    }
}
