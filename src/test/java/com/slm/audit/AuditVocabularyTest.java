package com.slm.audit;

import com.slm.domain.MigrationRequestValidator;
import com.slm.domain.ProcessVariables;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit speaks the process's vocabulary: a renamed or added request field cannot drop out of the record. */
class AuditVocabularyTest {
    @Test
    void everyRequestFieldIsRecorded() {
        assertThat(AuditRecordBuilder.RECORDED).containsAll(MigrationRequestValidator.FIELDS);
    }

    @Test
    void theStartFormAcceptsExactlyTheValidatorsFields() {
        assertThat(ProcessVariables.START_VARIABLES).isEqualTo(MigrationRequestValidator.FIELDS);
    }

    @Test
    void everyRecordedVariableIsAProcessVariable() {
        Set<String> known = processVariables();
        Set<String> recorded = new HashSet<>(AuditRecordBuilder.RECORDED);
        recorded.removeAll(ProcessVariables.LEGACY_VARIABLES);
        assertThat(known).containsAll(recorded);
        assertThat(known).containsAll(MigrationRequestValidator.FIELDS);
    }

    @Test
    void theRequestColumnsReadTheProcessVariables() {
        RequestFields loose = RequestFields.of(Map.of(ProcessVariables.VM_NAME, "app",
                ProcessVariables.SOURCE_ENVIRONMENT, "secure", ProcessVariables.TARGET_ENVIRONMENT, "remote"));
        assertThat(loose).isEqualTo(new RequestFields("app", "secure", "remote"));
        RequestFields sealed = RequestFields.of(Map.of(ProcessVariables.MIGRATION_REQUEST,
                "{\"vmName\":\"db\",\"source\":{\"environment\":\"secure\"},\"target\":{\"environment\":\"remote\"}}"));
        assertThat(sealed).isEqualTo(new RequestFields("db", "secure", "remote"));
    }

    private static Set<String> processVariables() {
        return Arrays.stream(ProcessVariables.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(AuditVocabularyTest::value).collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
