package dev.lift.plugins.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpRequest;
import dev.lift.api.LiftException;
import dev.lift.plugins.testsupport.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The query parameters, cookies and extras of an ALB request are built on first use: reading them
 * again, or from several threads at once, gives the same values, and a malformed event is still a
 * 400 from {@code decode}, before anything has read them.
 */
class AlbLazyDecodingTest {

    private final AlbAdapter adapter = new AlbAdapter();

    /** The real sample event with a query in both forms ALB could send and a second cookie. */
    private static ObjectNode sampleWithQuery() {
        ObjectNode e = Fixtures.event("elb_event.json");
        e.putObject("queryStringParameters").put("q", "a%20b+c").put("%E2%82%AC", "1%262");
        ((ObjectNode) e.get("headers")).put("cookie", "name=value; session=s%201");
        return e;
    }

    @Test
    void aSecondReadGivesTheSameValues() {
        HttpRequest r = adapter.decode(sampleWithQuery());
        Map<String, List<String>> query = r.queryParameters();
        assertEquals(Map.of("q", List.of("a b c"), "\u20ac", List.of("1&2")), query);
        assertSame(query, r.queryParameters());
        assertEquals(List.of("q", "\u20ac"), List.copyOf(query.keySet()));
        assertEquals("q=a%20b+c&%E2%82%AC=1%262", r.rawQueryString());

        Map<String, String> cookies = r.cookies();
        assertEquals(Map.of("name", "value", "session", "s%201"), cookies);
        assertSame(cookies, r.cookies());

        Map<String, Object> extras = r.extras();
        assertEquals(List.of(AlbAdapter.MULTI_VALUE, AlbAdapter.TARGET_GROUP_ARN), List.copyOf(extras.keySet()));
        assertSame(extras, r.extras());
    }

    /** Under {@code serve} or on Managed Instances a request may be read by several threads; each sees the whole value. */
    @Test
    void concurrentFirstReadsAllSeeTheSameValues() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                HttpRequest r = adapter.decode(sampleWithQuery());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> reads = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    reads.add(pool.submit(() -> {
                        start.await();
                        return r.queryParameters() + " " + r.cookies() + " " + r.extras() + " " + r.pathSegments();
                    }));
                }
                start.countDown();
                for (Future<String> read : reads) {
                    assertEquals("{q=[a b c], \u20ac=[1&2]} {name=value, session=s%201} {alb.multiValue=false, "
                            + "alb.targetGroupArn=arn:aws:elasticloadbalancing:us-east-1:XXXXXXXXXXX:targetgroup/"
                            + "sample/6d0ecf831eec9f09} []", read.get(30, TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void multiValueModeKeepsEveryValueOfHeadersAndQuery() {
        ObjectNode e = Fixtures.event("elb_event.json");
        e.remove("headers");
        e.remove("queryStringParameters");
        ObjectNode headers = e.putObject("multiValueHeaders");
        headers.putArray("accept").add("text/html").add("application/json");
        headers.putArray("x-empty");
        headers.putNull("x-null");
        headers.putArray("cookie").add("a=1").add("b=2");
        ObjectNode query = e.putObject("multiValueQueryStringParameters");
        query.putArray("id").add("1").add("2%2C3");
        query.putArray("a+b").add("%7E");
        HttpRequest r = adapter.decode(e);
        assertEquals(List.of("text/html", "application/json"), r.headers().all("Accept"));
        assertEquals(2, r.headers().size(), "headers without values are left out: " + r.headers());
        assertEquals(Map.of("id", List.of("1", "2,3"), "a b", List.of("~")), r.queryParameters());
        assertEquals("id=1&id=2%2C3&a+b=%7E", r.rawQueryString());
        assertEquals(Map.of("a", "1", "b", "2"), r.cookies());
        assertEquals(true, r.extras().get(AlbAdapter.MULTI_VALUE));
    }

    /** A hand-written event with both forms: the multi-valued one wins, the single-valued one fills in. */
    @Test
    void bothFormsTogetherMergeAsBefore() {
        ObjectNode e = Fixtures.event("elb_event.json");
        e.putObject("multiValueHeaders").putArray("Accept").add("a/b").add("c/d");
        ((ObjectNode) e.get("headers")).put("X-Only-Single", "s");
        e.putObject("multiValueQueryStringParameters").putArray("q").add("1").add("2");
        e.putObject("queryStringParameters").put("q", "ignored").put("r", "3");
        HttpRequest r = adapter.decode(e);
        assertEquals(List.of("a/b", "c/d"), r.headers().all("accept"));
        assertEquals("Accept", r.headers().names().stream().filter("accept"::equalsIgnoreCase).findFirst().orElseThrow());
        assertEquals(List.of("s"), r.headers().all("x-only-single"));
        assertEquals(13, r.headers().size());
        assertEquals(Map.of("q", List.of("1", "2"), "r", List.of("3")), r.queryParameters());
        assertEquals("q=1&q=2&r=3", r.rawQueryString());
    }

    /** Two spellings of one name in {@code multiValueHeaders}: one header, spelled as first seen, with the later values. */
    @Test
    void twoSpellingsOfOneHeaderAreOneHeader() {
        ObjectNode e = Fixtures.event("elb_event.json");
        e.remove("headers");
        ObjectNode headers = e.putObject("multiValueHeaders");
        headers.putArray("X-Tag").add("1");
        headers.putArray("x-tag").add("2").add("3");
        HttpRequest r = adapter.decode(e);
        assertEquals(List.of("X-Tag"), List.copyOf(r.headers().names()));
        assertEquals(List.of("2", "3"), r.headers().all("X-TAG"));
    }

    @Test
    void aMalformedQueryIsA400FromDecodeNotFromTheFirstRead() {
        ObjectNode multi = Fixtures.event("elb_event.json");
        multi.putObject("multiValueQueryStringParameters").putArray("id").add("1").add(2);
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(multi));
        assertEquals(400, ex.status());
        assertEquals("The ALB event is malformed: multiValueQueryStringParameters.id[1] must be a string, was a number",
                ex.detail());

        ObjectNode single = Fixtures.event("elb_event.json");
        single.putObject("queryStringParameters").put("ok", "1").putNull("id");
        ex = assertThrows(LiftException.class, () -> adapter.decode(single));
        assertEquals("The ALB event is malformed: queryStringParameters.id must be a string, was null", ex.detail());

        ObjectNode header = Fixtures.event("elb_event.json");
        header.putObject("multiValueHeaders").put("accept", "text/html");
        ex = assertThrows(LiftException.class, () -> adapter.decode(header));
        assertEquals("The ALB event is malformed: multiValueHeaders.accept must be an array, was a string",
                ex.detail());

        ObjectNode context = Fixtures.event("elb_event.json");
        context.put("requestContext", "elb");
        ex = assertThrows(LiftException.class, () -> adapter.decode(context));
        assertEquals("The ALB event is malformed: requestContext must be an object, was a string", ex.detail());
    }

    /** ALB does not decode the query; a broken escape is the client's text, kept as it is, never an error. */
    @Test
    void aBrokenPercentEscapeIsKeptAsSent() {
        ObjectNode e = Fixtures.event("elb_event.json");
        e.putObject("queryStringParameters").put("q", "100%").put("r", "%zz%4").put("%", "x");
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("q", List.of("100%"), "r", List.of("%zz%4"), "%", List.of("x")), r.queryParameters());
        assertEquals("q=100%&r=%zz%4&%=x", r.rawQueryString());
    }
}
