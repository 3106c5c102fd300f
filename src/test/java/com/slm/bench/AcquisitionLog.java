package com.slm.bench;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultAcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * When this node's job executor acquired each job: the engine keeps no record of it (a job's lock is gone with the
 * job), so the acquisition command is wrapped and the ids it locked are noted with the time it returned. Jobs a
 * node runs straight after the job that created them (the engine's exclusive follow-up, same instance, same
 * thread) are never acquired and do not appear here.
 */
final class AcquisitionLog extends AbstractCamundaConfiguration {
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final LongAdder acquisitions = new LongAdder();
    private final LongAdder failedToLock = new LongAdder();

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        JobExecutor executor = configuration.getJobExecutor();
        DefaultAcquireJobsCommandFactory engine = new DefaultAcquireJobsCommandFactory(executor);
        executor.setAcquireJobsCmdFactory(numberOfJobs -> noting(engine.getCommand(numberOfJobs)));
    }

    private Command<AcquiredJobs> noting(Command<AcquiredJobs> acquire) {
        return context -> {
            AcquiredJobs acquired = acquire.execute(context);
            long now = System.currentTimeMillis();
            acquisitions.increment();
            // another node locked them first (optimistic locking): the price of two executors on one table
            failedToLock.add(acquired.getNumberOfJobsFailedToLock());
            acquired.getJobIdBatches().forEach(batch -> batch.forEach(id -> lines.add(id + " " + now)));
            return acquired;
        };
    }

    void writeTo(Path file) throws IOException {
        Files.write(file, List.copyOf(lines));
    }

    /** How many acquisitions this node ran, and how many jobs it found locked by another node meanwhile. */
    String counts() {
        return acquisitions.sum() + " acquisitions, " + failedToLock.sum() + " jobs failed to lock";
    }

    /** Job id to acquisition time (epoch ms) on this node. */
    Map<String, Long> snapshot() {
        return parse(List.copyOf(lines), new HashMap<>());
    }

    /** Job id to acquisition time (epoch ms), from the files of every node. */
    static Map<String, Long> readAll(List<Path> files) throws IOException {
        Map<String, Long> acquired = new HashMap<>();
        for (Path file : files) {
            parse(Files.readAllLines(file), acquired);
        }
        return acquired;
    }

    /** A job acquired twice (its lock expired, another node took it) counts from its first acquisition. */
    private static Map<String, Long> parse(List<String> lines, Map<String, Long> into) {
        for (String line : lines) {
            String[] fields = line.split(" ");
            into.merge(fields[0], Long.parseLong(fields[1]), Math::min);
        }
        return into;
    }
}
