package slmbench;

import com.slm.SlmApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a start of the product goes, from Spring Boot's own start-up steps ({@link BufferingApplicationStartup}):
 * starts the application as {@code SlmApplication.main} does, prints each step's own time (without the steps
 * inside it) grouped into phases, and the slowest beans, then stops it. A program for {@code scripts/bench-startup
 * breakdown}, not a test; outside {@code com.slm} so that the application's component scan never sees it.
 */
public final class StartupBreakdown {
    private StartupBreakdown() {
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainEntered = System.currentTimeMillis();
        SpringApplication application = new SpringApplication(SlmApplication.class);
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
        application.setApplicationStartup(startup);
        ConfigurableApplicationContext context = application.run(args);
        long started = System.currentTimeMillis();

        List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
        Map<Long, Long> inChildren = new HashMap<>();
        for (TimelineEvent event : events) {
            Long parent = event.getStartupStep().getParentId();
            if (parent != null) {
                inChildren.merge(parent, event.getDuration().toNanos(), Long::sum);
            }
        }
        Map<String, Long> phases = new LinkedHashMap<>();
        List<Map.Entry<String, Long>> beans = new ArrayList<>();
        for (TimelineEvent event : events) {
            StartupStep step = event.getStartupStep();
            long own = event.getDuration().toNanos() - inChildren.getOrDefault(step.getId(), 0L);
            phases.merge(phase(step), own, Long::sum);
            if (step.getName().equals("spring.beans.instantiate")) {
                beans.add(Map.entry(tag(step, "beanName"), own));
            }
        }
        System.out.printf("BREAKDOWN %-58s %6d ms%n", "JVM start to main (JVM, class loading of the launcher)", mainEntered - jvmStart);
        phases.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(p -> System.out.printf("BREAKDOWN %-58s %6d ms%n", p.getKey(), p.getValue() / 1_000_000));
        System.out.printf("BREAKDOWN %-58s %6d ms%n", "total: JVM start to started", started - jvmStart);
        beans.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        beans.stream().limit(12).forEach(b -> System.out.printf("BEAN %-63s %6d ms%n", b.getKey(), b.getValue() / 1_000_000));
        context.close();
    }

    private static String phase(StartupStep step) {
        String bean = tag(step, "beanName");
        return switch (step.getName()) {
            case "spring.beans.instantiate" -> switch (bean) {
                case "processEngineFactoryBean" -> "engine: build (MyBatis, schema check/creation, deployment)";
                case "flyway", "flywayInitializer" -> "Flyway: the product's tables";
                default -> "other beans (the product's, Spring's, Camunda's REST/webapps)";
            };
            case "spring.context.config-classes.parse", "spring.context.config-classes.enhance",
                 "spring.context.beandef-registry.post-process", "spring.context.bean-factory.post-process" ->
                    "bean definitions: scan, auto-configuration conditions";
            case "spring.boot.webserver.create" -> "Tomcat: create, webapps' filters and servlets";
            case "spring.boot.application.environment-prepared", "spring.boot.application.starting" ->
                    "environment: properties, profiles, logging";
            default -> "the rest: refresh's own work, start listeners, runners";
        };
    }

    private static String tag(StartupStep step, String key) {
        for (StartupStep.Tag tag : step.getTags()) {
            if (tag.getKey().equals(key)) {
                return tag.getValue();
            }
        }
        return "";
    }
}
