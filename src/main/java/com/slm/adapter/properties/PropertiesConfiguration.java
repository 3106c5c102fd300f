package com.slm.adapter.properties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topology from {@code application.yaml}: always on (the product's world is configured, never discovered). */
@Configuration
@EnableConfigurationProperties(TopologyProperties.class)
public class PropertiesConfiguration {

    @Bean
    PropertiesTopology propertiesTopology(TopologyProperties properties) {
        return new PropertiesTopology(properties);
    }
}
