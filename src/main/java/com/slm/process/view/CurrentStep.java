package com.slm.process.view;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step a running migration stands at, as a flowchart block where there is one. The model's helper elements
 * belong to the block they serve: the wait loop around 330 (poll timer, hypervisor event) is block 330, the wait
 * before checking the routing core again is 385, the two steps inside 345 are 345.
 */
public record CurrentStep(String activityId, String name, String block) {
    private static final Pattern BLOCK = Pattern.compile("^Block(\\d{3})_");
    /** Scopes that contain the real step: never "the" current step themselves. */
    private static final Set<String> SCOPES = Set.of("BeforeVmRunsAtTarget", "Block345_RestartWithIpsecPolicy");
    private static final String BLOCK_330 = "Block330_LiveMigrate";
    private static final Map<String, String> SERVES = Map.of(
            "WaitForMigration", BLOCK_330,
            "MigrationPollTimer", BLOCK_330,
            "MigrationEventReceived", BLOCK_330,
            "MigrationDoneGateway", BLOCK_330,
            "WaitForRoutingCore", "Block385_RoutingCoreUpdated",
            "InstallIpsecPolicy", "Block345_RestartWithIpsecPolicy",
            "ResumeVmAtTarget", "Block345_RestartWithIpsecPolicy");

    /** The step among the elements an instance stands at, or {@code null} when it stands nowhere (ended). */
    public static CurrentStep of(Set<String> currentElements, BpmnModelInstance model) {
        for (String id : currentElements) {
            if (!SCOPES.contains(id)) {
                String shown = SERVES.getOrDefault(id, id);
                String own = BLOCK_330.equals(shown) ? shown : id;
                return new CurrentStep(own, name(model, own), block(shown));
            }
        }
        return null;
    }

    /** The elements to highlight on the diagram: where it stands, plus the block each helper element serves. */
    public static Set<String> highlighted(Set<String> currentElements) {
        Set<String> ids = new LinkedHashSet<>(currentElements);
        currentElements.stream().map(SERVES::get).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    public boolean isBlock330() {
        return "330".equals(block);
    }

    private static String block(String activityId) {
        Matcher matcher = BLOCK.matcher(activityId);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String name(BpmnModelInstance model, String activityId) {
        FlowElement element = model == null ? null : model.getModelElementById(activityId);
        return element == null || element.getName() == null ? activityId : element.getName();
    }
}
