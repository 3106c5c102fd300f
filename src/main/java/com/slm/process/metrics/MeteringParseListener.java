package com.slm.process.metrics;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

import static com.slm.domain.ProcessVariables.APPROVAL_TASK;
import static com.slm.domain.ProcessVariables.PROCESS_KEY;

/**
 * Hangs the product's meters onto the model as the engine parses it, so that the BPMN file carries no metrics
 * listeners of its own: the migration's start, each service task's duration, the approval task's waiting time.
 * Built-in listeners: they also run when an admin modifies an instance skipping custom listeners.
 */
public class MeteringParseListener extends AbstractBpmnParseListener {
    private final MigrationStartListener started;
    private final BlockTimingListener blockTiming;
    private final ApprovalWaitListener approvalWait;

    public MeteringParseListener(MigrationMeters meters) {
        this.started = new MigrationStartListener(meters);
        this.blockTiming = new BlockTimingListener(meters);
        this.approvalWait = new ApprovalWaitListener(meters);
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (PROCESS_KEY.equals(processDefinition.getKey())) {
            processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, started);
        }
    }

    @Override
    public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, blockTiming);
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, blockTiming);
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (APPROVAL_TASK.equals(activity.getId()) && activity.getActivityBehavior() instanceof UserTaskActivityBehavior task) {
            task.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, approvalWait);
        }
    }
}
