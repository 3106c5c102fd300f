package com.slm.process.support;

import com.slm.domain.BlackoutMode;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The model's gateways ask this bean which blackout mode was approved ({@code ${blackoutModes.minimal(execution)}}).
 * It reads the sealed, approved request, never a loose variable that could be changed after the approval.
 */
@Component
public class BlackoutModes {

    public boolean minimal(VariableScope execution) {
        return SealedRequests.approved(execution).blackoutMode() == BlackoutMode.MINIMAL;
    }
}
