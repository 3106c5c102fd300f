package com.slm.process.guard;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The engine's own gate in front of every command: whatever door a call came through (REST in any URL form, the
 * webapps' API, the Java API), it ends up as one engine command here, with the caller the engine authenticated.
 * Nested commands (run by the engine or the product inside a command) and calls with no authenticated user (the
 * job executor, the product's own code) pass; everything an authenticated user asks is checked by
 * {@link CommandPolicy} before it runs.
 */
public class CommandGuard extends CommandInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(CommandGuard.class);

    private final Supplier<Authentication> currentUser;
    private final CommandPolicy policy;

    public CommandGuard(Supplier<Authentication> currentUser, CommandPolicy policy) {
        this.currentUser = currentUser;
        this.policy = policy;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (Context.getCommandContext() == null) {
            Authentication caller = currentUser.get();
            if (caller != null && caller.getUserId() != null) {
                try {
                    policy.check(caller, command);
                } catch (RuntimeException refused) {
                    LOG.info("Refused {} for user '{}': {}", command.getClass().getName(), caller.getUserId(), refused.getMessage());
                    throw refused;
                }
            }
        }
        return next.execute(command);
    }
}
