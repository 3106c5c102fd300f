package com.slm.process.guard;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may run which engine command, beyond what authorizations say. Admins may do anything (the engine records it
 * in its user operation log, which the audit record keeps). Everybody else may read, and may write only through
 * the few commands their role needs, each checked: starting a migration (plainly, with a closed list of request
 * fields), working on a task, and completing the approval with nothing but the decision and the comment.
 * Anything else an authenticated non-admin asks is refused, so a command nobody thought of is closed, not open.
 */
public class CommandPolicy {
    /** Commands that only read, by the engine's naming (queries are AbstractQuery instances). */
    private static final Pattern READ = Pattern.compile(
            "(Get|Find|Is|Create\\w*Query|ExecuteFilter|AbstractExecuteFilter|Determine|Check|AuthorizationCheck)\\w*");
    /** Writes a role needs and the authorizations on the task or filter decide (nothing reaches the process). */
    private static final Set<String> TASK_WORK = Set.of("ClaimTaskCmd", "AssignTaskCmd", "AddCommentCmd",
            "SetTaskDueDateCmd", "SetTaskFollowUpDateCmd", "SetTaskPriorityCmd", "SaveFilterCmd", "CreateFilterCmd",
            "DeleteFilterCmd", "SaveUserCmd");

    private final Collection<String> adminGroups;
    private final Collection<String> adminUsers;
    private final StartCheck start;
    private final CompletionCheck completion;

    public CommandPolicy(Collection<String> adminGroups, Collection<String> adminUsers, StartCheck start,
                         CompletionCheck completion) {
        this.adminGroups = List.copyOf(adminGroups);
        this.adminUsers = List.copyOf(adminUsers);
        this.start = start;
        this.completion = completion;
    }

    public void check(Authentication caller, Command<?> command) {
        // The approval's variables are checked for everybody, admins included: it is a rule of the model.
        if (completion.applies(command)) {
            completion.check(command);
            return;
        }
        if (isAdmin(caller)) {
            return;
        }
        if (start.applies(command)) {
            start.check(command);
            return;
        }
        if (isRead(command) || TASK_WORK.contains(command.getClass().getSimpleName())) {
            return;
        }
        throw new AuthorizationException("'" + caller.getUserId() + "' may not run " + describe(command)
                + ": only admins (camunda-admin) may change a running migration, its variables or its jobs");
    }

    boolean isAdmin(Authentication caller) {
        if (adminUsers.contains(caller.getUserId())) {
            return true;
        }
        List<String> groups = caller.getGroupIds();
        return groups != null && groups.stream().anyMatch(adminGroups::contains);
    }

    private static boolean isRead(Command<?> command) {
        if (command instanceof AbstractQuery<?, ?>) {
            return true;
        }
        // Reports run as commands nested in their report classes (e.g. HistoricTaskInstanceReportImpl$...Cmd)
        String outer = command.getClass().getEnclosingClass() == null ? "" : command.getClass().getEnclosingClass().getSimpleName();
        if (outer.endsWith("ReportImpl") || outer.endsWith("QueryImpl")) {
            return true;
        }
        return READ.matcher(command.getClass().getSimpleName()).matches();
    }

    private static String describe(Command<?> command) {
        String name = command.getClass().getSimpleName();
        return name.isEmpty() ? command.getClass().getName() : name;
    }
}
