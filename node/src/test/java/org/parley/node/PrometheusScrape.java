package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A node's {@code /metrics}, fetched over its web port and read by the Prometheus project's own
 * text-format parser ({@code prometheus_client.parser}, Debian's python3-prometheus-client), so a
 * scrape these tests accept is one Prometheus accepts. Needs {@code /usr/bin/python3}; tests are
 * skipped, saying so, where it is absent.
 */
final class PrometheusScrape {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String PARSE = String.join("\n",
            "import json, sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "samples = []",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    for s in family.samples:",
            "        samples.append({'family': family.name, 'type': family.type, 'name': s.name,",
            "                        'labels': s.labels, 'value': s.value})",
            "print(json.dumps(samples))");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One sample of a series. */
    record Sample(String family, String type, String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    static void assumePythonParser() {
        assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 with python3-prometheus-client"
                + " (Prometheus' own text-format parser) to read /metrics");
    }

    /** GET {@code path} on the node's web port (plaintext in these tests). */
    static HttpResponse<String> get(Node node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.webUrl() + path)).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Scrapes {@code node} and parses what it answered; fails if the parser refuses it. */
    static PrometheusScrape of(Node node) throws Exception {
        assumePythonParser();
        HttpResponse<String> response = get(node, "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(""));
        return parse(response.body());
    }

    static PrometheusScrape parse(String text) throws IOException, InterruptedException {
        Process python = new ProcessBuilder(PYTHON.toString(), "-c", PARSE).redirectErrorStream(false).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out;
        byte[] err;
        try (InputStream stdout = python.getInputStream(); InputStream stderr = python.getErrorStream()) {
            out = stdout.readAllBytes();
            err = stderr.readAllBytes();
        }
        if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new AssertionError("Prometheus' parser refused the scrape: " + new String(err, StandardCharsets.UTF_8));
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode sample : JSON.readTree(out)) {
            Map<String, String> labels = new HashMap<>();
            sample.get("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            samples.add(new Sample(sample.get("family").asText(), sample.get("type").asText(),
                    sample.get("name").asText(), Map.copyOf(labels), sample.get("value").asDouble()));
        }
        return new PrometheusScrape(List.copyOf(samples));
    }

    /** The value of the sample named {@code name} whose labels include {@code labels}, if there is one. */
    Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .map(Sample::value).findFirst();
    }

    /** As {@link #value}, 0 for a sample not there (a counter not yet shown). */
    double count(String name, Map<String, String> labels) {
        return value(name, labels).orElse(0.0);
    }

    /** The Prometheus type of the family named {@code family}, if it was scraped. */
    Optional<String> typeOf(String family) {
        return samples.stream().filter(s -> s.family().equals(family)).map(Sample::type).findFirst();
    }
}
