package com.slm.e2e.crash;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Test only (profile {@code crash-after-each-step}): the application kills itself with SIGKILL at the end of
 * every service task it has not crashed at yet, after the step did its work and before its transaction commits,
 * the worst moment: the step's effects are real, the engine never learnt of them, so the restarted application
 * runs the step again. The ledger file (one activity id per line, written before the kill) lets the next run go
 * one step further; the test reads it to tell which steps were crashed at. {@code slm.test.crash-only} narrows the
 * points to a list of {@code vm:activityId} (e.g. {@code db:InstallIpsecPolicy}): a node of a cluster dies at that
 * step of that VM's migration only, whichever node runs it.
 */
@Component
@Profile("crash-after-each-step")
public class CrashAfterEachStep extends AbstractCamundaConfiguration {
    private final Path ledger;

    private final Set<String> only;

    public CrashAfterEachStep(@Value("${slm.test.crash-ledger}") String ledger, @Value("${slm.test.crash-only:}") String only) {
        this.ledger = Path.of(ledger);
        this.only = only.isBlank() ? Set.of() : Set.of(only.split(","));
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution -> {
                    if (only.isEmpty() || only.contains(execution.getProcessBusinessKey() + ":" + activity.getId())) {
                        crashOnce(activity.getId());
                    }
                });
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private void crashOnce(String activityId) {
        try {
            if (Files.exists(ledger) && Files.readAllLines(ledger).contains(activityId)) {
                return;
            }
            Files.writeString(ledger, activityId + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
            Thread.sleep(60_000); // SIGKILL is on its way: nothing after this line may run
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("still alive after kill -9 at " + activityId);
    }
}
