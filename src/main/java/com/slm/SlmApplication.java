package com.slm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Secure live migration: the patent's flowchart (blocks 310-395) as a Camunda 7 process application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SlmApplication {
    public static void main(String[] args) {
        SpringApplication.run(SlmApplication.class, args);
    }
}
