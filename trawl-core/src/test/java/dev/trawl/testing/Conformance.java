package dev.trawl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The conformance data in test resources (see resources/conformance/README.md for origin and licence). */
public final class Conformance {

    private Conformance() {}

    /** The whole JSON file. */
    public static JsonNode load(String name) {
        try (InputStream in = Conformance.class.getResourceAsStream("/conformance/" + name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of the file's {@code cases} array, each named by its {@code id}. */
    public static Stream<Named<JsonNode>> cases(String name) {
        List<Named<JsonNode>> cases = new ArrayList<>();
        load(name).get("cases").forEach(c -> cases.add(Named.of(c.get("id").asText(), c)));
        return cases.stream();
    }
}
