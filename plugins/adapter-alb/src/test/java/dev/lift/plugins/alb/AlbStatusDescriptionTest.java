package dev.lift.plugins.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.plugins.testsupport.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ALB shows {@code statusDescription} to the client as the status line's reason phrase: every status a handler
 * may answer gets the phrase the IANA HTTP status code registry gives it (RFC 9110 names), and a code the registry
 * does not name gets its class.
 */
class AlbStatusDescriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AlbAdapter adapter = new AlbAdapter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100|Continue", "101|Switching Protocols", "102|Processing", "103|Early Hints",
        "200|OK", "201|Created", "202|Accepted", "203|Non-Authoritative Information", "204|No Content",
        "205|Reset Content", "206|Partial Content", "207|Multi-Status", "208|Already Reported", "226|IM Used",
        "300|Multiple Choices", "301|Moved Permanently", "302|Found", "303|See Other", "304|Not Modified",
        "305|Use Proxy", "307|Temporary Redirect", "308|Permanent Redirect",
        "400|Bad Request", "401|Unauthorized", "402|Payment Required", "403|Forbidden", "404|Not Found",
        "405|Method Not Allowed", "406|Not Acceptable", "407|Proxy Authentication Required", "408|Request Timeout",
        "409|Conflict", "410|Gone", "411|Length Required", "412|Precondition Failed", "413|Content Too Large",
        "414|URI Too Long", "415|Unsupported Media Type", "416|Range Not Satisfiable", "417|Expectation Failed",
        "421|Misdirected Request", "422|Unprocessable Content", "423|Locked", "424|Failed Dependency",
        "425|Too Early", "426|Upgrade Required", "428|Precondition Required", "429|Too Many Requests",
        "431|Request Header Fields Too Large", "451|Unavailable For Legal Reasons",
        "500|Internal Server Error", "501|Not Implemented", "502|Bad Gateway", "503|Service Unavailable",
        "504|Gateway Timeout", "505|HTTP Version Not Supported", "506|Variant Also Negotiates",
        "507|Insufficient Storage", "508|Loop Detected", "510|Not Extended", "511|Network Authentication Required",
        // Not in the registry: the class of the code.
        "199|Informational", "299|Success", "399|Redirection", "418|Client Error", "599|Server Error"
    })
    void each_status_is_described_as_the_registry_names_it(int status, String phrase) throws Exception {
        HttpRequest request = adapter.decode(Fixtures.json("elb_event.json"));

        JsonNode response = JSON.readTree(Fixtures.encode(adapter, request, HttpResponse.status(status)));

        assertEquals(status, response.path("statusCode").asInt());
        assertEquals(status + " " + phrase, response.path("statusDescription").asText());
    }
}
