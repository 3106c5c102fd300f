package com.slm.domain;

/** The routing core's answer to "do you reach this destination through the target environment now?". */
public record RouteObservation(boolean learned, String detail) {
}
