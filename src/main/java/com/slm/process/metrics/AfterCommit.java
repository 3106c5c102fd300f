package com.slm.process.metrics;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Runs a recording once the engine's transaction committed. A listener runs inside a command whose work may still
 * roll back (a later step of the same job fails, the database refuses the flush); its job then runs again, and a
 * meter recorded at once would count that attempt as well.
 */
final class AfterCommit {
    private AfterCommit() {
    }

    static void run(Runnable recording) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            recording.run(); // outside the engine (a unit test calling in): nothing to wait for
            return;
        }
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> recording.run());
    }
}
