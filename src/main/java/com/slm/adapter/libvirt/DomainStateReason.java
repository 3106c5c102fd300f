package com.slm.adapter.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.jna.DomainPointer;

import java.lang.reflect.Field;

/**
 * {@code virDomainGetState}: a domain's state with the reason for it, which libvirt-java 0.5.4 does not bind. The
 * reason tells a migration's target domain that is still receiving ({@code paused (migrating)}, or being set up,
 * {@code paused (starting up)}) from one whose incoming migration is over ({@code paused (user)}, the
 * {@code VIR_MIGRATE_PAUSED} result). It is libvirt's own record: QEMU is not asked. Called through JNA on the
 * library libvirt-java already loaded, with the domain pointer libvirt-java holds (a package-private field: read by
 * reflection, checked once at class load so that a changed library fails loudly, not silently).
 */
final class DomainStateReason {
    /** virDomainState */
    static final int RUNNING = 1;
    static final int PAUSED = 3;
    /** virDomainPausedReason: paused by a call (virDomainSuspend, or the VIR_MIGRATE_PAUSED end of an incoming migration) */
    static final int PAUSED_USER = 1;

    private interface Api extends Library {
        int virDomainGetState(DomainPointer domain, IntByReference state, IntByReference reason, int flags);
    }

    private static final Api API = Native.load("virt", Api.class);
    private static final Field POINTER = pointerField();

    private DomainStateReason() {
    }

    record StateAndReason(int state, int reason) {
        /**
         * Running, or paused by the end of the incoming migration ({@code paused (user)}). Any other pause (unknown,
         * starting up, migrating, post-copy, ...) is a domain still being set up or receiving.
         */
        boolean incomingOver() {
            return state == RUNNING || state == PAUSED && reason == PAUSED_USER;
        }
    }

    /** How the hypervisor reads a domain's state and reason (a test of the logic above gives its own). */
    interface Reader {
        StateAndReason read(Domain domain) throws LibvirtException;
    }

    static StateAndReason of(Domain domain) {
        IntByReference state = new IntByReference();
        IntByReference reason = new IntByReference();
        DomainPointer pointer;
        try {
            pointer = (DomainPointer) POINTER.get(domain);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("libvirt-java's Domain pointer is not readable", e);
        }
        if (pointer == null) {
            // never hand libvirt a null domain: it would not fail, it would crash the JVM
            throw new IllegalStateException("libvirt-java's Domain has no pointer");
        }
        if (API.virDomainGetState(pointer, state, reason, 0) < 0) {
            throw new IllegalStateException("virDomainGetState failed");
        }
        return new StateAndReason(state.getValue(), reason.getValue());
    }

    private static Field pointerField() {
        try {
            Field field = Domain.class.getDeclaredField("vdp");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("libvirt-java's Domain has no 'vdp' pointer: check DomainStateReason "
                    + "against the libvirt-java version");
        }
    }
}
