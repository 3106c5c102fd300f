package com.slm.process;

import com.slm.domain.ProcessVariables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slm.domain.MigrationRequestValidator;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model's own rules, checked on the file as deployed: every service task runs asynchronously before (a crash
 * or a retry never repeats the step before it), has an explicit retry cycle, and names by delegate expression a bean
 * that exists in the running product; every flowchart block carries its number; the process has a history
 * time-to-live.
 */
class ModelLintProcessTest extends ProcessTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first name an expression reads: {@code ${name ...}} or {@code ${name.method(...)}}. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z][A-Za-z0-9]*)");
    private static final Pattern BEAN = Pattern.compile("^\\$\\{([A-Za-z][A-Za-z0-9]*)}$");

    @Autowired
    ApplicationContext context;

    @Test
    void everyServiceTaskIsAsyncWithARetryCycleAndADelegateBeanThatExists() {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/secure-live-migration.bpmn"));
        Collection<ServiceTask> tasks = model.getModelElementsByType(ServiceTask.class);
        assertThat(tasks).hasSizeGreaterThan(15);
        for (ServiceTask task : tasks) {
            String id = task.getId();
            assertThat(task.isCamundaAsyncBefore()).as(id + " is asyncBefore").isTrue();
            assertThat(task.getExtensionElements() == null ? null : task.getExtensionElements()
                    .getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list())
                    .as(id + " has a failedJobRetryTimeCycle").isNotNull().hasSize(1);
            Matcher bean = BEAN.matcher(String.valueOf(task.getCamundaDelegateExpression()));
            assertThat(bean.matches()).as(id + " names its delegate by ${bean}: " + task.getCamundaDelegateExpression()).isTrue();
            assertThat(context.containsBean(bean.group(1))).as(id + "'s delegate bean " + bean.group(1) + " exists").isTrue();
            assertThat(task.getName()).as(id + " has a name").isNotBlank();
        }
    }

    @Test
    void theProcessHasAHistoryTimeToLiveAndEveryBlockItsNumber() {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/secure-live-migration.bpmn"));
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        for (int block = 310; block <= 395; block += 5) {
            if (block == 350) {
                continue; // the patent's flowchart has no block 350
            }
            String prefix = "Block" + block + "_";
            assertThat(model.getModelElementsByType(FlowNode.class))
                    .as("an element for block " + block).anyMatch(node -> node.getId().startsWith(prefix));
        }
    }

    /**
     * One vocabulary: every field of the forms and every name an expression of the model reads is a variable of
     * {@link ProcessVariables} or a bean of the product, so a rename cannot silently leave one behind.
     */
    @Test
    void everyFormFieldAndEveryExpressionNamesAKnownVariableOrBean() throws Exception {
        Set<String> variables = new HashSet<>();
        for (Field field : ProcessVariables.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                variables.add((String) field.get(null));
            }
        }
        JsonNode start = JSON.readTree(new File("forms/start-migration.form"));
        Set<String> startFields = new HashSet<>();
        start.path("components").forEach(c -> {
            if (c.hasNonNull("key")) {
                startFields.add(c.get("key").asText());
            }
        });
        assertThat(startFields).as("the start form asks for exactly the request's fields")
                .isEqualTo(MigrationRequestValidator.FIELDS);
        for (File form : new File("forms").listFiles((dir, name) -> name.endsWith(".form"))) {
            JSON.readTree(form).path("components").forEach(c -> {
                if (c.hasNonNull("key")) {
                    assertThat(variables).as(form.getName() + " field " + c.get("key").asText()).contains(c.get("key").asText());
                }
            });
        }
        Matcher expression = EXPRESSION.matcher(Files.readString(Path.of("bpmn/secure-live-migration.bpmn")));
        int seen = 0;
        while (expression.find()) {
            String name = expression.group(1);
            assertThat(variables.contains(name) || context.containsBean(name))
                    .as("${" + name + " ...} in the model names a process variable or a bean").isTrue();
            seen++;
        }
        assertThat(seen).isGreaterThan(30);
    }
}
