package com.slm.domain;

import java.util.Set;

/**
 * Every process variable of {@code secureLiveMigration}, and the model's message and error names, spelled once, at
 * the bottom layer: the steps, the validator, the audit, the web filters and the tests of the forms and the model
 * all refer to these, so a rename reaches all of them (ModelLintProcessTest checks that every form field and every
 * expression of the model names one of them). No variable ever holds a secret (keys and passwords stay in files the
 * adapters read).
 */
public final class ProcessVariables {
    private ProcessVariables() {
    }

    public static final String PROCESS_KEY = "secureLiveMigration";

    // The request (start form, blocks 310 and 315); MigrationRequestValidator checks exactly these
    public static final String VM_NAME = "vmName";
    public static final String SOURCE_ENVIRONMENT = "sourceEnvironment";
    public static final String SOURCE_HOST = "sourceHost";
    public static final String TARGET_ENVIRONMENT = "targetEnvironment";
    public static final String TARGET_HOST = "targetHost";
    public static final String REASON = "reason";
    public static final String BANDWIDTH_MIBPS = "bandwidthMiBps";
    public static final String MAX_DOWNTIME_MS = "maxDowntimeMs";
    public static final String AUTO_CONVERGE = "autoConverge";
    public static final String BLACKOUT_MODE = "blackoutMode";

    /** The start form's fields: the only variables a start accepts (a closed list, see MigrationRequestValidator). */
    public static final Set<String> START_VARIABLES = Set.of(VM_NAME, SOURCE_ENVIRONMENT, SOURCE_HOST,
            TARGET_ENVIRONMENT, TARGET_HOST, REASON, BANDWIDTH_MIBPS, MAX_DOWNTIME_MS, AUTO_CONVERGE, BLACKOUT_MODE);

    // The sealed request (replaces the start form's fields as soon as the instance starts): see SealedRequests
    public static final String MIGRATION_REQUEST = "migrationRequest";
    public static final String REQUEST_DIGEST = "requestDigest";
    /** The approver's reading of the sealed request (plain lines), shown beside the digest in the approval form. */
    public static final String REQUEST_SUMMARY = "requestSummary";
    /** The digest the pre-checks ran against, and the one the approver approved. */
    public static final String PRE_CHECKED_DIGEST = "preCheckedDigest";
    public static final String APPROVED_DIGEST = "approvedDigest";

    // Pre-checks and approval
    public static final String PRE_CHECKS_PASSED = "preChecksPassed";
    public static final String PRE_CHECK_RESULTS = "preCheckResults";
    public static final String PRE_CHECK_SUMMARY = "preCheckSummary";
    public static final String APPROVAL_DECISION = "approvalDecision";
    public static final String APPROVAL_COMMENT = "approvalComment";
    public static final String APPROVER = "approver";

    /** The only variables a completion of the approval task accepts. */
    public static final Set<String> APPROVAL_VARIABLES = Set.of(APPROVAL_DECISION, APPROVAL_COMMENT);
    public static final String APPROVAL_TASK = "ApproveMigration";

    // Migration
    public static final String VM_ADDRESS = "vmAddress";
    public static final String VM_SUBNET = "vmSubnet";
    public static final String WHOLE_SUBNET_MOVED = "wholeSubnetMoved";
    public static final String MIGRATION_STATE = "migrationState";
    public static final String MIGRATION_PERCENT = "migrationPercent";
    public static final String MIGRATION_DATA_PROCESSED = "migrationDataProcessedBytes";
    public static final String MIGRATION_DATA_REMAINING = "migrationDataRemainingBytes";
    public static final String MIGRATION_ITERATION = "migrationIteration";
    public static final String MIGRATION_ELAPSED_MS = "migrationElapsedMs";
    public static final String MIGRATION_DOWNTIME_MS = "migrationDowntimeMs";
    public static final String MIGRATION_DATA_SENT = "migrationDataSentBytes";
    public static final String TRAFFIC_BLOCKED_AT = "trafficBlockedAt";
    public static final String TRAFFIC_ENABLED_AT = "trafficEnabledAt";
    public static final String BLACKOUT_MS = "blackoutMs";
    public static final String MIGRATION_STARTED_AT = "migrationStartedAt";
    public static final String MIGRATION_COMPLETED_AT = "migrationCompletedAt";
    public static final String MIGRATION_DETAIL = "migrationDetail";
    public static final String VM_RESUMED_AT = "vmResumedAt";
    public static final String IPSEC_POLICY_INSTALLED_AT = "ipsecPolicyInstalledAt";
    /** When the fail-closed guard was in place on both hosts (block 325, before the migration starts). */
    public static final String GUARD_INSTALLED_AT = "guardInstalledAt";
    public static final String GUARD_REMOVED_AT = "guardRemovedAt";
    /** The roll-back found the VM already at the target: the process goes forward to secure it there. */
    public static final String VM_FOUND_AT_TARGET = "vmFoundAtTarget";
    public static final String TUNNEL_ESTABLISHED_AT = "tunnelEstablishedAt";
    public static final String TUNNEL_REMOVED_AT = "tunnelRemovedAt";
    public static final String ROUTING_CORE_CHECK_SINCE = "routingCoreCheckSince";
    /** How often an admin's retry after block 380's give-up restarted the waiting window. */
    public static final String ROUTING_CORE_WAIT_RESTARTS = "routingCoreWaitRestarts";

    // IPsec, connections, routing core
    public static final String IPSEC_SAS = "ipsecSas";
    public static final String TUNNEL_SAS = "tunnelSas";
    public static final String CONNECTIONS = "nonManagedConnections";
    public static final String HAS_NON_MANAGED_CONNECTIONS = "hasNonManagedConnections";
    public static final String SECURE_CONNECTIONS = "secureConnections";
    public static final String INSECURE_CONNECTIONS = "insecureConnections";
    public static final String CONNECTION_ACTIONS = "connectionActions";
    public static final String ROUTE_LEARNED = "routeLearned";
    public static final String ROUTE_DETAIL = "routeDetail";

    // How it ended: see Outcome
    public static final String OUTCOME = "outcome";
    public static final String FAILURE_REASON = "failureReason";
    /** Who withdrew the migration through the product's cancel call. */
    public static final String CANCELLED_BY = "cancelledBy";

    /** Variables only migrations of older versions have in their history: no step writes them any more. */
    public static final Set<String> LEGACY_VARIABLES = Set.of("initiator", "postCopy");

    // Evacuation of a subnet (process evacuateSubnet): one request and one approval for a batch of migrations
    public static final String EVACUATION_KEY = "evacuateSubnet";
    // its request (start form startEvacuation); EvacuationRequestValidator checks exactly these
    public static final String SUBNET = "subnet";
    /** Optional: a comma-separated choice among the subnet's VMs; empty means every known VM of the subnet. */
    public static final String VM_NAMES = "vmNames";
    public static final String PARALLELISM = "parallelism";
    /** The evacuation start form's fields: the only variables its start accepts. */
    public static final Set<String> EVACUATION_START_VARIABLES = Set.of(SUBNET, VM_NAMES, SOURCE_ENVIRONMENT,
            TARGET_ENVIRONMENT, TARGET_HOST, REASON, BANDWIDTH_MIBPS, MAX_DOWNTIME_MS, AUTO_CONVERGE, BLACKOUT_MODE, PARALLELISM);
    public static final String EVACUATION_APPROVAL_TASK = "ApproveEvacuation";
    /** The pre-checks' plan: each VM of the batch and the source host it runs on (JSON). */
    public static final String EVACUATION_PLAN = "evacuationPlan";
    /** The loops' element variables: one lane (its VMs, one after the other), then one VM of it. */
    public static final String EVACUATION_LANE = "evacuationLane";
    public static final String EVACUATION_VM = "evacuationVm";
    /** Each VM's migration and how it ended (JSON), and the same in plain lines. */
    public static final String EVACUATION_OUTCOMES = "evacuationOutcomes";
    public static final String EVACUATION_SUMMARY = "evacuationSummary";
    public static final String EVACUATED_COUNT = "evacuatedCount";
    public static final String NOT_EVACUATED_COUNT = "notEvacuatedCount";
    /**
     * Set by the product's cancel of an evacuation (CancelEvacuation): no lane starts another VM, and a migration of
     * the batch that has not reached a cancellable phase rolls back at its next step. False until then.
     */
    public static final String EVACUATION_CANCELLED = "evacuationCancelled";
    /** In a migration an evacuation started: that evacuation's process instance (its approval covers this one). */
    public static final String EVACUATION_ID = "evacuationId";
    /** In such a migration: blocks 340-390 are the evacuation's, once for the whole subnet. */
    public static final String SUBNET_LEFT_TO_EVACUATION = "subnetLeftToEvacuation";

    // Messages and errors of the model
    public static final String MESSAGE_MIGRATION_EVENT = "MigrationEvent";
    public static final String MESSAGE_CANCEL_MIGRATION = "CancelMigration";
    public static final String MESSAGE_CANCEL_EVACUATION = "CancelEvacuation";
    public static final String ERROR_MIGRATION_FAILED = "MIGRATION_FAILED";
    /** Thrown by a step before the target when its evacuation was cancelled: the model rolls back as on a cancel. */
    public static final String ERROR_EVACUATION_CANCELLED = "EVACUATION_CANCELLED";
}
