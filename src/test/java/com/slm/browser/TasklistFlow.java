package com.slm.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.Map;

/** The user's path through Tasklist for a migration: start form, then the approval form. */
public final class TasklistFlow {
    private final HeadlessChromium browser;
    private final String baseUrl;

    public TasklistFlow(HeadlessChromium browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    public void login(String user, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.open(baseUrl + "/camunda/app/tasklist/default/");
        browser.camundaLogin(user, password);
    }

    /** Opens "Start process", picks the migration and fills its start form (keys of the form's fields). */
    public void fillStartForm(Map<String, String> fields) {
        browser.waitFor(By.xpath("//a[contains(., 'Start process')]")).click();
        browser.waitFor(By.xpath("//a[contains(., 'Secure live migration')]")).click();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            WebElement input = browser.waitFor(By.cssSelector("[id$='-Field_" + field.getKey() + "']"));
            input.clear();
            input.sendKeys(field.getValue());
        }
    }

    public void submitStartForm() {
        browser.waitFor(By.cssSelector("button[ng-click='startProcessInstance()']")).click();
        // The modal closes when the engine accepted the start.
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(
                d -> d.findElements(By.cssSelector("button[ng-click='startProcessInstance()']")).isEmpty());
    }

    /** Opens the approval task from the list (it appears once the pre-checks ran). */
    public void openApprovalTask() {
        browser.waitFor(By.xpath("//li[contains(@class,'task')]//a[contains(., 'Approve migration')]"), Duration.ofSeconds(90)).click();
        try {
            browser.waitVisible(By.cssSelector("[id$='-Field_preCheckSummary']"));
        } catch (RuntimeException e) {
            browser.keepEvidence("failed-approval-task-not-shown");
            throw e;
        }
    }

    private void clickInView(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].scrollIntoView({block: 'center'});", element);
        try {
            element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException e) {
            // form-js overlays its own styling on radios: click the element itself as a user's click would
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].click();", element);
        }
    }

    public String preCheckSummary() {
        return browser.waitVisible(By.cssSelector("[id$='-Field_preCheckSummary']")).getAttribute("value");
    }

    /** Claims the open task (Tasklist shows an unclaimed task's form read-only), then approves it. */
    public void approve(String comment) {
        try {
            claimAndApprove(comment);
        } catch (RuntimeException e) {
            browser.keepEvidence("failed-approval");
            throw e;
        }
    }

    private void claimAndApprove(String comment) {
        browser.waitFor(By.cssSelector("button[ng-click='claim()']")).click();
        // Once claimed, the form becomes editable.
        clickInView(browser.waitFor(By.cssSelector("input[type='radio'][id$='-Field_approvalDecision-0']")));
        WebElement text = browser.waitFor(By.cssSelector("[id$='-Field_approvalComment']"));
        clickInView(text);
        text.sendKeys(comment);
        clickInView(browser.waitFor(By.cssSelector("button[ng-click='complete()']")));
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(
                d -> d.findElements(By.cssSelector("button[ng-click='complete()']")).isEmpty());
    }
}
