-- The CHILD_SAs the product keeps up (one row per policy: a VM's policy, a peer added by block 365, a subnet
-- tunnel), so that the IPsec adapter's watchdog can bring them back after charon restarts, a DPD timeout, a
-- delete by the peer or a failed rekey, even after the product itself restarted. Traffic selectors only: never a
-- key. Works on H2 and PostgreSQL.
CREATE TABLE slm_ipsec_child (
    conn                VARCHAR(128)  NOT NULL,
    child               VARCHAR(128)  NOT NULL,
    secure_environment  VARCHAR(64)   NOT NULL,
    target_environment  VARCHAR(64)   NOT NULL,
    secure_ts           VARCHAR(2000) NOT NULL,
    target_ts           VARCHAR(2000) NOT NULL,
    updated_at          TIMESTAMP     NOT NULL,
    PRIMARY KEY (conn, child)
);
