package com.slm.adapter.libvirt;

import com.slm.domain.HostRef;
import com.slm.domain.VmLifecycleEvent;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * libvirt's event loop (needed for keepalive and lifecycle events) on a daemon thread, and the lifecycle
 * listener of each host, which republishes events as {@link VmLifecycleEvent}s (e.g. SUSPENDED/MIGRATED at the
 * source, RESUMED/MIGRATED at the target). The callback only reads the domain's name: anything that frees
 * native memory inside a libvirt callback (TypedParameter.fromPointer) has crashed the JVM. Publishing happens
 * on another thread so that the process engine never runs on libvirt's event thread.
 */
class LibvirtEvents {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtEvents.class);

    private final ApplicationEventPublisher publisher;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "libvirt-event-delivery");
        t.setDaemon(true);
        return t;
    });
    /** libvirt has one event loop per process: registered once, shared by every adapter instance. */
    private static boolean loopStarted;
    private volatile boolean running;

    LibvirtEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    void start() {
        synchronized (LibvirtEvents.class) {
            if (!loopStarted) {
                loopStarted = startLoop();
            }
            running = loopStarted;
        }
    }

    private static boolean startLoop() {
        try {
            Library.initEventLoop();
        } catch (LibvirtException e) {
            LOG.warn("libvirt event loop unavailable ({}): no keepalive and no lifecycle events", e.getMessage());
            return false;
        }
        Thread loop = new Thread(() -> {
            try {
                Library.runEventLoop();
            } catch (LibvirtException e) {
                LOG.error("libvirt event loop stopped: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "libvirt-event-loop");
        loop.setDaemon(true);
        loop.start();
        return true;
    }

    LifecycleListener listenerFor(HostRef host) {
        if (!running) {
            return null;
        }
        return (domain, event) -> {
            try {
                String name = domain.getName();
                String what = event.getType() + "/" + event.getDetail();
                Instant at = Instant.now();
                delivery.submit(() -> publisher.publishEvent(new VmLifecycleEvent(name, host, what, event.toString(), at)));
            } catch (LibvirtException | RuntimeException e) {
                LOG.debug("Lifecycle event from {} not delivered: {}", host, e.getMessage());
            }
            return 0;
        };
    }
}
