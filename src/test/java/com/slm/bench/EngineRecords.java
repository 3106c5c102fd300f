package com.slm.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static com.slm.domain.ProcessVariables.PROCESS_KEY;

/**
 * What the engine recorded of a run, read from its history tables with plain SQL (H2 and PostgreSQL alike), once
 * the run is over: the migrations, their activities and the job log. Times are epoch milliseconds (the engine
 * writes them with millisecond precision), -1 when absent.
 */
record EngineRecords(List<Instance> instances, List<Activity> activities, List<JobLog> jobLogs, int jobsLeft,
                     int incidents) {

    record Instance(String id, String vm, long start, long end, String endActivity) {
    }

    record Activity(String instanceId, String activityId, String type, long start, long end) {
    }

    /** One line of ACT_HI_JOB_LOG; state as the engine's: 0 created, 1 failed, 2 succeeded, 3 deleted. */
    record JobLog(String jobId, String instanceId, String activityId, String jobType, int state, long at) {
        static final int CREATED = 0;
        static final int FAILED = 1;
        static final int SUCCEEDED = 2;
    }

    static EngineRecords read(Connection db) throws SQLException {
        List<Instance> instances = rows(db, "SELECT ID_, BUSINESS_KEY_, START_TIME_, END_TIME_, END_ACT_ID_ "
                + "FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ?", r -> new Instance(r.getString(1), r.getString(2),
                millis(r, 3), millis(r, 4), r.getString(5)));
        List<Activity> activities = rows(db, "SELECT PROC_INST_ID_, ACT_ID_, ACT_TYPE_, START_TIME_, END_TIME_ "
                + "FROM ACT_HI_ACTINST WHERE PROC_DEF_KEY_ = ?", r -> new Activity(r.getString(1), r.getString(2),
                r.getString(3), millis(r, 4), millis(r, 5)));
        List<JobLog> jobLogs = rows(db, "SELECT JOB_ID_, PROCESS_INSTANCE_ID_, ACT_ID_, JOB_DEF_TYPE_, JOB_STATE_, TIMESTAMP_ "
                + "FROM ACT_HI_JOB_LOG WHERE PROCESS_DEF_KEY_ = ?", r -> new JobLog(r.getString(1), r.getString(2),
                r.getString(3), r.getString(4), r.getInt(5), millis(r, 6)));
        return new EngineRecords(instances, activities, jobLogs,
                count(db, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_DEF_KEY_ = ?"),
                count(db, "SELECT COUNT(*) FROM ACT_HI_INCIDENT WHERE PROC_DEF_KEY_ = ?"));
    }

    /** Migrations that have not ended yet, and approval tasks waiting: polled while a run goes on. */
    static int running(Connection db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ? AND END_TIME_ IS NULL");
    }

    static int ended(Connection db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ? AND END_TIME_ IS NOT NULL");
    }

    static int waitingForApproval(Connection db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'ApproveMigration' AND PROC_DEF_ID_ IN "
                + "(SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = ?)");
    }

    static int openIncidents(Connection db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM ACT_RU_INCIDENT WHERE PROC_DEF_ID_ IN "
                + "(SELECT ID_ FROM ACT_RE_PROCDEF WHERE KEY_ = ?)");
    }

    private interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static <T> List<T> rows(Connection db, String sql, Row<T> row) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, PROCESS_KEY);
            statement.setFetchSize(5000);
            try (ResultSet result = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (result.next()) {
                    rows.add(row.read(result));
                }
                return rows;
            }
        }
    }

    private static int count(Connection db, String sql) throws SQLException {
        return rows(db, sql, r -> r.getInt(1)).get(0);
    }

    private static long millis(ResultSet row, int column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? -1 : at.getTime();
    }
}
