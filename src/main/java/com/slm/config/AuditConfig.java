package com.slm.config;

import com.slm.security.Roles;
import com.slm.audit.AuditAnchor;
import com.slm.audit.AuditChain;
import com.slm.audit.AuditQuery;
import com.slm.audit.AuditRecordBuilder;
import com.slm.audit.AuditSealer;
import com.slm.audit.AuditVerifier;
import com.slm.audit.HistoryRetention;
import com.slm.audit.UnsealableRecords;
import com.slm.cluster.NodeLeases;
import com.slm.web.LoginFilter;
import jakarta.servlet.Filter;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/** The audit trail: record builder, seal chain and its anchor, sealer (scheduled), verifier, list queries, and its access filter. */
@Configuration
@EnableScheduling
public class AuditConfig {

    @Bean
    AuditRecordBuilder auditRecordBuilder(HistoryService history) {
        return new AuditRecordBuilder(history);
    }

    /** The anchor's key and journal live in a folder outside the database (see docs/audit.md: back it up). */
    @Bean
    AuditAnchor auditAnchor(@Value("${slm.audit.anchor-dir:${SLM_DATA_DIR:./data}/audit-anchor}") String dir) {
        return new AuditAnchor(Path.of(dir));
    }

    @Bean
    AuditChain auditChain(JdbcTemplate jdbc, AuditAnchor anchor) {
        return new AuditChain(jdbc, anchor);
    }

    @Bean
    UnsealableRecords unsealableRecords(JdbcTemplate jdbc) {
        return new UnsealableRecords(jdbc);
    }

    @Bean
    AuditSealer auditSealer(HistoryService history, AuditRecordBuilder records, AuditChain chain, AuditAnchor anchor,
                            UnsealableRecords unsealable, NodeLeases leases) {
        return new AuditSealer(history, records, chain, anchor, unsealable, leases);
    }

    /** A chain sealed before its anchor existed gets its first signed checkpoint at start. */
    @Bean
    ApplicationRunner auditAnchorStart(AuditSealer sealer) {
        return args -> sealer.anchorExistingChain();
    }

    @Bean
    AuditVerifier auditVerifier(HistoryService history, AuditChain chain, AuditAnchor anchor, UnsealableRecords unsealable,
                                @Value("${slm.audit.seal-interval:PT10S}") Duration sealInterval) {
        return new AuditVerifier(history, chain, anchor, unsealable, sealInterval);
    }

    @Bean
    AuditQuery auditQuery(HistoryService history, AuditChain chain) {
        return new AuditQuery(history, chain);
    }

    @Bean
    HistoryRetention historyRetention(RepositoryService repository, @Value("${slm.audit.history-ttl-days:180}") int days) {
        return new HistoryRetention(repository, days);
    }

    @Bean
    FilterRegistrationBean<Filter> auditAccessFilter(IdentityService identity) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LoginFilter(identity,
                List.of(Roles.AUDITORS, Roles.ADMINS), Roles.ADMINS, "slm audit", "only auditors and admins read the audit trail"));
        registration.setName("slm-audit-access");
        // the page itself (static/audit) holds no data: only the API it calls is guarded
        registration.addUrlPatterns("/api/audit/*");
        registration.setOrder(5);
        return registration;
    }
}
