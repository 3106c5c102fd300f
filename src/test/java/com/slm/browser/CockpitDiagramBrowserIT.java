package com.slm.browser;

import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.io.File;
import java.util.List;

import static com.slm.domain.ProcessVariables.EVACUATION_KEY;
import static com.slm.domain.ProcessVariables.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What admins and auditors read every day: Cockpit draws both models from their diagram layout, every flow node of
 * the file is a shape of the drawing, and the drawing is kept as a screenshot (target/screenshots, copied to docs/).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@Import(PortDoubles.class)
class CockpitDiagramBrowserIT {
    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repository;

    @Test
    void cockpitDrawsEveryElementOfBothModels() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.driver().manage().window().setSize(new Dimension(2600, 1100));
            browser.open("http://localhost:" + port + "/camunda/app/cockpit/default/");
            browser.camundaLogin("admin", "test-admin");
            for (String key : List.of(PROCESS_KEY, EVACUATION_KEY)) {
                ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                        .latestVersion().singleResult();
                browser.open("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-definition/"
                        + definition.getId() + "/runtime");
                try {
                    browser.waitVisible(By.cssSelector(".djs-container svg"));
                } catch (RuntimeException notDrawn) {
                    browser.keepEvidence("failed-cockpit-" + key);
                    throw notDrawn;
                }
                Thread.sleep(1500); // the viewer zooms to fit after it drew
                String file = key.equals(PROCESS_KEY) ? "secure-live-migration.bpmn" : "evacuate-subnet.bpmn";
                for (FlowNode node : Bpmn.readModelFromFile(new File("bpmn", file)).getModelElementsByType(FlowNode.class)) {
                    List<WebElement> shapes = browser.driver().findElements(
                            By.cssSelector("g.djs-element[data-element-id='" + node.getId() + "']"));
                    assertThat(shapes).as(node.getId() + " is drawn in Cockpit").isNotEmpty();
                }
                browser.screenshot("cockpit-" + key);
            }
        }
    }
}
