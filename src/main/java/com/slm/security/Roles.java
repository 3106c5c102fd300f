package com.slm.security;

import java.util.List;

/** The product's groups, as the users' guide and the model's candidate groups name them. */
public final class Roles {
    private Roles() {
    }

    public static final String OPERATORS = "migration-operators";
    public static final String APPROVERS = "migration-approvers";
    public static final String AUDITORS = "auditors";
    public static final String ADMINS = "camunda-admin";

    public static final List<String> ALL = List.of(OPERATORS, APPROVERS, AUDITORS, ADMINS);
}
