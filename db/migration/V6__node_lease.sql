-- Leases that let one node of several do something that is not an engine job (docs/cluster.md): repair or change
-- one IKE connection ('ipsec:<connection>', the IPsec adapter), seal the audit chain ('audit-sealer'). A row is
-- held by its owner (the node's slm.node.id) until expires_at: taken with one UPDATE ... WHERE expires_at <
-- CURRENT_TIMESTAMP (or one INSERT, the primary key deciding between two nodes), renewed by its owner, deleted when
-- released. A node that dies leaves it until it expires. Every time is the database's clock, so the nodes' clocks
-- do not matter, and with its time zone, so neither do the nodes' zones. Works on H2 and PostgreSQL.
CREATE TABLE slm_node_lease (
    name        VARCHAR(200)              NOT NULL PRIMARY KEY,
    owner       VARCHAR(128)              NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE  NOT NULL
);
