package com.slm.bench;

import org.springframework.context.annotation.Bean;

/**
 * The harness's beans, given to the application explicitly (never component-scanned: no stereotype annotation,
 * so a product started from the test class path never picks them up): the instant port doubles, their call
 * counts, and the job acquisition log.
 */
public class InstantPorts {

    @Bean
    PortCalls portCalls() {
        return new PortCalls();
    }

    @Bean
    InstantHypervisor instantHypervisor(PortCalls calls) {
        return new InstantHypervisor(calls);
    }

    @Bean
    InstantIpsecGateway instantIpsecGateway(PortCalls calls) {
        return new InstantIpsecGateway(calls);
    }

    @Bean
    InstantSurroundings instantSurroundings(PortCalls calls) {
        return new InstantSurroundings(calls);
    }

    @Bean
    AcquisitionLog acquisitionLog() {
        return new AcquisitionLog();
    }
}
