package com.slm.adapter.strongswan.vici;

import java.util.List;

/** The events a streamed command produced, in order, and its final response. */
public record ViciStreamedResult(List<ViciMessage> events, ViciMessage response) {
    public ViciStreamedResult {
        events = List.copyOf(events);
    }
}
