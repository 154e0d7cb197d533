package dev.lift.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.test.Events;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fuzz targets' oracles can fail: a fuzz target whose checks never fire would pass any
 * corpus. Each test feeds an answer or an exception that must count as a finding, and one that
 * must not.
 */
class FuzzOracleTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aServerErrorNoHandlerAskedForIsAFinding() {
        byte[] answer = utf8("{\"statusCode\":500,\"headers\":{},\"body\":\"{\\\"status\\\":500}\",\"isBase64Encoded\":false}");
        assertThrows(AssertionError.class, () -> Outcome.checkAnswer(utf8("{}"), answer, false));
        Outcome.checkAnswer(utf8("{}"), answer, true);
    }

    @Test
    void anErrorAnswerNamingAClassOrAStackFrameIsAFinding() {
        byte[] event = utf8("{\"rawPath\":\"/x\"}");
        for (String body : new String[] {"Cannot read java.util.LinkedHashMap", "NullPointerException",
                "at dev.lift.kernel.internal.Dispatch.invoke(Dispatch.java:12)"}) {
            byte[] answer = utf8("{\"statusCode\":400,\"body\":\"" + body + "\"}");
            assertThrows(AssertionError.class, () -> Outcome.checkAnswer(event, answer, false), body);
        }
    }

    @Test
    void aClassNameTheRequestItselfSentMayComeBack() {
        byte[] event = utf8("{\"rawPath\":\"/java.lang.String\",\"x\":\"%2Fjava.util.Map\"}");
        Outcome.checkAnswer(event, utf8("{\"statusCode\":404,\"body\":\"No route matches GET /java.lang.String\"}"), false);
        Outcome.checkAnswer(event, utf8("{\"statusCode\":404,\"body\":\"No route matches GET //java.util.Map\"}"), false);
    }

    @Test
    void onlyTheKernelsDocumentedFailuresAreAllowed() {
        assertFalse(Outcome.isDocumentedFailure(new IllegalArgumentException("x")));
        assertFalse(Outcome.isDocumentedFailure(new NullPointerException()));
        assertFalse(Outcome.isDocumentedFailure(new IllegalStateException("Something else")));
        assertTrue(Outcome.isDocumentedFailure(new IllegalStateException("No handler matches a SqsMessage")));
        RuntimeException notJson = assertThrows(RuntimeException.class, () -> FuzzKernel.KIT.invoke(utf8("{")));
        assertTrue(Outcome.isDocumentedFailure(notJson), notJson.toString());
    }

    @Test
    void theDeliberateFailurePassesOnlyAsAGenericProblem() {
        byte[] event = Events.http("GET", "/boom/now").toBytes();
        Outcome.check(event); // a 500 the handler asked for, showing neither the message nor a class
        String answer = FuzzKernel.KIT.invoke(event).text();
        assertTrue(answer.contains("\"statusCode\":500"), answer);
        assertFalse(answer.contains("deliberate") || answer.contains("Secret") || answer.contains("IllegalState"), answer);
    }

    @Test
    void anInputWithoutAScriptIsTheEventByteForByteAndAScriptEditsItTheSameWayEachTime() throws Exception {
        byte[] fixture = Files.readAllBytes(Path.of(System.getProperty("lift.fixtures"), "sqs_event.json"));
        assertArrayEquals(fixture, EventInput.event(fixture));
        byte[] input = EventInput.withScript(fixture, (byte) 0, (byte) 0, (byte) 3, (byte) 5, (byte) 'x', (byte) 'y');
        byte[] edited = EventInput.event(input);
        assertNotEquals(new String(fixture, StandardCharsets.UTF_8), new String(edited, StandardCharsets.UTF_8));
        assertArrayEquals(edited, EventInput.event(input));
        assertArrayEquals(utf8("{\"Records\""), EventInput.event(EventInput.withScript(utf8("{\"Records\""), (byte) 1)));
    }

    @Test
    void theRouterReferenceFollowsTheDocumentedPrecedence() {
        assertEquals("/a/b/c", RouterFuzzTest.expect("GET", RouterFuzzTest.segments("/a/b/c", false)).template());
        assertEquals("/a/{x}/{y}", RouterFuzzTest.expect("GET", RouterFuzzTest.segments("/a/q/c", false)).template());
        assertEquals(405, RouterFuzzTest.expect("POST", RouterFuzzTest.segments("/users/7", false)).status());
        assertEquals("DELETE, GET, HEAD", RouterFuzzTest.expect("POST", RouterFuzzTest.segments("/users/7", false)).allow());
        assertEquals("/", RouterFuzzTest.expect("GET", RouterFuzzTest.segments("//", false)).template());
        assertEquals(405, RouterFuzzTest.expect("POST", RouterFuzzTest.segments("/", false)).status());
        assertEquals("/{proxy+}", RouterFuzzTest.expect("GET", RouterFuzzTest.segments("/files", false)).template());
        assertEquals("a/b", RouterFuzzTest.expect("GET", RouterFuzzTest.segments("/files/a%2Fb", true)).params().get("path"));
    }

    @Test
    void theGlobReferenceFollowsTheDocumentation() {
        assertTrue(SelectorGlobFuzzTest.GlobReference.matches("a/**/b", "a/b"));
        assertTrue(SelectorGlobFuzzTest.GlobReference.matches("a/**/b", "a/x/y/b"));
        assertFalse(SelectorGlobFuzzTest.GlobReference.matches("a/*/b", "a/x/y/b"));
        assertTrue(SelectorGlobFuzzTest.GlobReference.matches("**.jpg", "x/y.jpg"));
        assertFalse(SelectorGlobFuzzTest.GlobReference.matches("*.jpg", "x/y.jpg"));
    }
}
