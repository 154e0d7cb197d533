import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The start-up baseline for benchmarks/startup/run.sh: what any Java function does at the least.
 * It parses the same API Gateway HTTP API (2.0) event with Jackson, builds a 2.0 response and
 * prints it, with no framework. Compiled and run against lift.jar, so both read the same Jackson
 * classes from the same jar.
 */
public final class Baseline {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode event = mapper.readTree(Files.readAllBytes(Path.of(args[0])));
        ObjectNode body = mapper.createObjectNode();
        body.put("method", event.path("requestContext").path("http").path("method").asText());
        body.put("path", event.path("rawPath").asText());
        ObjectNode response = mapper.createObjectNode();
        response.put("statusCode", 200);
        response.putObject("headers").put("content-type", "application/json");
        response.put("body", mapper.writeValueAsString(body));
        response.put("isBase64Encoded", false);
        System.out.println(mapper.writeValueAsString(response));
    }
}
