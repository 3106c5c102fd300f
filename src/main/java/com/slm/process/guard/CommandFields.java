package com.slm.process.guard;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

import java.lang.reflect.Field;
import java.util.Date;
import java.util.Map;

/**
 * Reads what a command carries (its variables, its instantiation builder). The engine's commands keep these in
 * protected fields without getters; the names are pinned by the guard's tests, so an engine upgrade that renames
 * one fails the build instead of opening the gate.
 */
final class CommandFields {
    private CommandFields() {
    }

    static Object read(Command<?> command, String name) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(command);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                break;
            }
        }
        throw new IllegalStateException("The engine's " + command.getClass().getName() + " has no field '" + name
                + "' any more: the command guard must be adapted before this engine version is used");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> variables(Command<?> command, String name) {
        Object value = read(command, name);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** Refuses anything but text, numbers, true/false and dates: no object, file or JSON value can ride along. */
    static void requirePlainValues(Map<String, Object> variables, String what) {
        VariableMap typed = Variables.fromMap(variables);
        for (String name : typed.keySet()) {
            TypedValue value = typed.getValueTyped(name);
            boolean plain = value == null || value.getType() == null
                    ? isPlain(variables.get(name) instanceof TypedValue t ? t.getValue() : variables.get(name))
                    : value.getType().isPrimitiveValueType();
            if (!plain) {
                throw new BadUserRequestException(what + " refused: variable '" + name + "' has type "
                        + (value == null || value.getType() == null ? "Object" : value.getType().getName())
                        + "; only text, numbers and true/false are accepted");
            }
        }
    }

    private static boolean isPlain(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Date;
    }
}
