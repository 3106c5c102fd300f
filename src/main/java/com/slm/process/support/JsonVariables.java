package com.slm.process.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * Lists and records become JSON variables (Spin's {@code json} type): readable in Cockpit, in the history and
 * in exports, unlimited in length, and never Java-serialized.
 */
public final class JsonVariables {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonVariables() {
    }

    public static JsonValue json(Object value) {
        try {
            return SpinValues.jsonValue(MAPPER.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads back a JSON variable written by {@link #json(Object)}; an absent variable gives {@code null}. */
    public static <T> T read(VariableScope scope, String name,
                             TypeReference<T> type) {
        SerializableValue value = scope.getVariableTyped(name, false);
        if (value == null || value.getValueSerialized() == null) {
            return null;
        }
        try {
            return MAPPER.readValue(value.getValueSerialized(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Variable " + name + " does not hold the expected JSON", e);
        }
    }
}
