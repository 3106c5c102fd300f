package com.slm.bench;

import com.slm.SlmApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the load harness: the product (SlmApplication, profiles postgres and bench) with the instant port
 * doubles, in a JVM of its own, on the database of SLM_DB_URL. {@link EngineBenchmark} drives it through stdin,
 * one command a line, and reads its answers from stdout (lines that start with {@value #ANSWER}):
 * <pre>
 *   start FIRST COUNT   start migrations of VMs FIRST..FIRST+COUNT-1 as the operator   -> started N
 *   approve             approve the waiting tasks of this node's migrations            -> approved N
 *   dump DIR            write DIR/NODE-acquired.txt and DIR/NODE-calls.txt             -> dumped
 *   stop                close the application and exit
 * </pre>
 * Arguments: the number of VMs to configure, the node id, then Spring arguments (job executor settings...).
 */
public final class BenchNode {
    static final String ANSWER = "@bench ";

    private BenchNode() {
    }

    public static void main(String[] args) throws Exception {
        int vms = Integer.parseInt(args[0]);
        String node = args[1];
        Map<String, Object> properties = new HashMap<>(BenchVms.properties(vms));
        properties.putAll(BenchUsers.properties());
        properties.put("slm.node.id", node);
        // stdout carries the answers; the product's log goes to its file (logging.file.name)
        properties.put("logging.pattern.console", "");
        String[] spring = Arrays.copyOfRange(args, 2, args.length);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SlmApplication.class, InstantPorts.class)
                .profiles("postgres", "bench").properties(properties).run(spring);
        LoadDriver driver = new LoadDriver(context.getBean(ProcessEngine.class), Integer.getInteger("bench.driver-threads", 4));
        List<String> mine = new ArrayList<>();
        answer("ready");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null && !line.equals("stop"); line = commands.readLine()) {
            String[] command = line.split(" ");
            switch (command[0]) {
                case "start" -> {
                    mine.addAll(driver.start(BenchVms.names(Integer.parseInt(command[1]), Integer.parseInt(command[2]))));
                    answer("started " + mine.size());
                }
                case "approve" -> answer("approved " + driver.approve(mine));
                case "dump" -> {
                    Path dir = Path.of(command[1]);
                    context.getBean(AcquisitionLog.class).writeTo(dir.resolve(node + "-acquired.txt"));
                    context.getBean(PortCalls.class).writeTo(dir.resolve(node + "-calls.txt"));
                    answer("dumped " + context.getBean(AcquisitionLog.class).counts());
                }
                default -> answer("unknown command " + line);
            }
        }
        context.close();
        System.exit(0);
    }

    private static void answer(String text) {
        System.out.println(ANSWER + text);
        System.out.flush();
    }
}
