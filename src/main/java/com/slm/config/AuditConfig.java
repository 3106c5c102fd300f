package com.slm.config;

import com.slm.audit.AuditChain;
import com.slm.audit.AuditQuery;
import com.slm.audit.AuditRecordBuilder;
import com.slm.audit.AuditSealer;
import com.slm.web.AuditAccessFilter;
import jakarta.servlet.Filter;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The audit trail: record builder, seal chain, sealer (scheduled), list queries, and its access filter. */
@Configuration
@EnableScheduling
public class AuditConfig {

    @Bean
    AuditRecordBuilder auditRecordBuilder(HistoryService history) {
        return new AuditRecordBuilder(history);
    }

    @Bean
    AuditChain auditChain(JdbcTemplate jdbc) {
        return new AuditChain(jdbc);
    }

    @Bean
    AuditSealer auditSealer(HistoryService history, AuditRecordBuilder records, AuditChain chain) {
        return new AuditSealer(history, records, chain);
    }

    @Bean
    AuditQuery auditQuery(HistoryService history, AuditChain chain) {
        return new AuditQuery(history, chain);
    }

    @Bean
    com.slm.audit.HistoryRetention historyRetention(org.camunda.bpm.engine.RepositoryService repository,
                                                    @org.springframework.beans.factory.annotation.Value("${slm.audit.history-ttl-days:180}") int days) {
        return new com.slm.audit.HistoryRetention(repository, days);
    }

    @Bean
    FilterRegistrationBean<Filter> auditAccessFilter(IdentityService identity) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new AuditAccessFilter(identity));
        registration.setName("slm-audit-access");
        // the page itself (static/audit) holds no data: only the API it calls is guarded
        registration.addUrlPatterns("/api/audit/*");
        registration.setOrder(5);
        return registration;
    }
}
