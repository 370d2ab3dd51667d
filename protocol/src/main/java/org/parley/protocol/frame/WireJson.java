package org.parley.protocol.frame;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The one configured Jackson mapper for frame headers. Unknown properties are ignored so that a
 * newer peer may add fields; absent optional fields are left out rather than sent as null.
 */
public final class WireJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new BlackbirdModule())
            .build();

    private WireJson() {
    }

    /** The shared mapper; thread-safe once configured, which it is here. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
