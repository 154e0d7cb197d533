package dev.lift.plugins.awsevents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Date;

/**
 * Epoch seconds, possibly with a fraction ({@code 1428537600}, {@code 1545084650.987},
 * {@code 1.635734407123456789E9}), into a {@link Date}. Kinesis and DynamoDB Streams write these;
 * Jackson's own Date reader would take them for milliseconds, 1000 times too early. The seconds are
 * read as a decimal, not a double, so that {@code .987} stays 987 ms; finer digits are truncated.
 */
final class EpochSecondsDateDeserializer extends StdScalarDeserializer<Date> {

    private static final long serialVersionUID = 1L;

    EpochSecondsDateDeserializer() {
        super(Date.class);
    }

    @Override
    public Date deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        BigDecimal seconds;
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            seconds = p.getDecimalValue();
        } else if (t == JsonToken.VALUE_STRING) {
            try {
                seconds = new BigDecimal(p.getText().trim());
            } catch (NumberFormatException e) {
                return (Date) ctxt.handleWeirdStringValue(Date.class, p.getText(), "not epoch seconds");
            }
        } else {
            return (Date) ctxt.handleUnexpectedToken(Date.class, p);
        }
        try {
            return new Date(seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact());
        } catch (ArithmeticException e) {
            return (Date) ctxt.handleWeirdNumberValue(Date.class, seconds, "out of range for epoch seconds");
        }
    }
}
