package com.slm.process.support;

import org.camunda.bpm.engine.RuntimeService;

/**
 * Whether a process instance waits for a message right now: the model subscribes to a cancel only in the phases
 * where it is allowed, so this is how the cancels and the migrations page tell whether one would be accepted.
 */
public final class MessageSubscriptions {
    private MessageSubscriptions() {
    }

    public static boolean listens(RuntimeService runtime, String processInstanceId, String messageName) {
        return runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId).eventType("message")
                .eventName(messageName).count() > 0;
    }
}
