package com.slm.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says loudly when the product serves plain HTTP: that happens only when no TLS material is configured (no SSL
 * bundle {@code server.ssl.bundle}, no {@code server.ssl.certificate} or key store), as in the process tests.
 * {@code scripts/run} and the lab always configure one; production must (docs/security.md).
 */
@Component
class PlainHttpWarning implements ApplicationListener<ServletWebServerInitializedEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PlainHttpWarning.class);

    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        boolean tls = env.getProperty("server.ssl.enabled", Boolean.class, true)
                && (hasText(env, "server.ssl.bundle") || hasText(env, "server.ssl.certificate") || hasText(env, "server.ssl.key-store"));
        if (!tls) {
            LOG.warn("Serving PLAIN HTTP on port {}: no TLS certificate configured. Set the SSL bundle 'slm' "
                    + "(spring.ssl.bundle.pem.slm.keystore.*, server.ssl.bundle=slm), see docs/security.md",
                    event.getWebServer().getPort());
        } else {
            LOG.info("Serving HTTPS only on port {}", event.getWebServer().getPort());
        }
    }

    private static boolean hasText(Environment env, String key) {
        String value = env.getProperty(key);
        return value != null && !value.isBlank();
    }
}
