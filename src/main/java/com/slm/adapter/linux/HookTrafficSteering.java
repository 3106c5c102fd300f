package com.slm.adapter.linux;

import com.slm.adapter.Commands;
import com.slm.port.PortException;
import com.slm.port.TrafficSteering;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TrafficSteering} by the site's own hook: each environment names an executable
 * ({@code slm.linux.steering.hooks.<env>}) that knows how that network draws an address (proxy ARP and gratuitous
 * ARP on a bridge, a route announced to the core, ...). It is called as {@code HOOK hold|steer|release ADDRESS} on
 * the environment's IPsec host, the same hook charon runs on SA up/down, so that both agree on who steers. The hook
 * must be idempotent and exit non-zero on failure.
 */
public class HookTrafficSteering implements TrafficSteering {
    private static final Logger LOG = LoggerFactory.getLogger(HookTrafficSteering.class);

    private final LinuxProperties.Steering settings;
    private final Commands commands;

    HookTrafficSteering(LinuxProperties.Steering settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    @Override
    public void hold(String environment, String vmAddress) {
        run(environment, "hold", vmAddress);
    }

    @Override
    public void steer(String environment, String vmAddress) {
        run(environment, "steer", vmAddress);
    }

    @Override
    public void release(String environment, String vmAddress) {
        run(environment, "release", vmAddress);
    }

    private void run(String environment, String verb, String vmAddress) {
        String hook = settings.hooks().get(environment);
        if (hook == null || hook.isBlank()) {
            throw new PortException("No steering hook for environment '" + environment + "' (slm.linux.steering.hooks."
                    + environment + ")", false);
        }
        commands.run(settings.hosts().get(environment), hook, verb, vmAddress);
        LOG.info("Steering of {} at {}: {}", vmAddress, environment, verb);
    }
}
