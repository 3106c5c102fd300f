package com.slm.adapter.libvirt;

import com.slm.domain.HostRef;
import com.slm.port.PortException;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

import java.util.Set;

/** Turns libvirt's errors into {@link PortException}s that name the host and libvirt's own code and message. */
final class LibvirtErrors {
    /** Errors that a later attempt can outlive: the daemon or the connection, not the request. */
    private static final Set<Error.ErrorNumber> RETRYABLE = Set.of(
            Error.ErrorNumber.VIR_ERR_NO_CONNECT, Error.ErrorNumber.VIR_ERR_SYSTEM_ERROR, Error.ErrorNumber.VIR_ERR_RPC,
            Error.ErrorNumber.VIR_ERR_OPERATION_TIMEOUT, Error.ErrorNumber.VIR_ERR_INTERNAL_ERROR,
            Error.ErrorNumber.VIR_ERR_OPERATION_INVALID);

    private LibvirtErrors() {
    }

    static PortException of(HostRef host, String action, LibvirtException e) {
        Error error = e.getError();
        String code = error == null || error.getCode() == null ? "unknown" : error.getCode().name();
        String message = error == null ? e.getMessage() : error.getMessage();
        boolean retryable = error == null || RETRYABLE.contains(error.getCode());
        return new PortException("libvirt on " + host + ": " + action + " failed: " + code + ": " + message, retryable, e);
    }

    static boolean isNoDomain(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN;
    }
}
