package com.slm.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Gives this node's job executor a stable lock owner, the node id, and at start takes back the jobs that its
 * previous run locked and never finished. A node killed in the middle of a step (kill -9, power loss) leaves its
 * jobs locked until their lock expires (minutes); on its restart they run again at once, and each step is safe to
 * run twice. Only locks owned by this very id are released: the id must name one live process at a time, which
 * the default, host name and HTTP port, does by construction (two live processes cannot listen on one port).
 * With a random port (0) and no {@code slm.node.id}, the owner stays random and nothing is released.
 */
@Component
public class NodeJobLocks extends AbstractCamundaConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(NodeJobLocks.class);

    private final String nodeId;

    public NodeJobLocks(@Value("${slm.node.id:}") String configuredId, @Value("${server.port:8080}") int port) {
        this.nodeId = configuredId.isBlank() ? defaultId(port) : configuredId;
    }

    /** The lock owner of this node's job executor, or null when it has no stable identity. */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        JobExecutor executor = configuration.getJobExecutor();
        if (nodeId != null && executor != null) {
            executor.setLockOwner(nodeId);
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (nodeId == null) {
            LOG.info("No stable node id (random port, no slm.node.id): jobs locked by a previous run wait for their locks to expire");
            return;
        }
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        int released = new JdbcTemplate(configuration.getDataSource()).update("UPDATE " + table
                + " SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 WHERE LOCK_OWNER_ = ?", nodeId);
        if (released > 0) {
            LOG.warn("Node {} stopped before finishing {} job(s) it had locked: released them, they run again now", nodeId, released);
        } else {
            LOG.info("Node {}: no job left locked by a previous run", nodeId);
        }
    }

    private static String defaultId(int port) {
        if (port == 0) {
            return null;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + port;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
