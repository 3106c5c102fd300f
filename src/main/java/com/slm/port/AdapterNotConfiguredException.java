package com.slm.port;

/** A step needs a port whose adapter is not configured: the incident names the adapter and the setting. */
public class AdapterNotConfiguredException extends PortException {
    public AdapterNotConfiguredException(String port, String property) {
        super("No " + port + " adapter is configured: set " + property
                + " (see README) and retry this step", true);
    }
}
