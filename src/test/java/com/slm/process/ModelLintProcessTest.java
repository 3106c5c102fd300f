package com.slm.process;

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
}
