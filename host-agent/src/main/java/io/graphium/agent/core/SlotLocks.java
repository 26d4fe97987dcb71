package io.graphium.agent.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Serializes work per stack slot (stack + container name), so that a command, a reconciliation and a Docker event
 * about the same container never interleave (which could create a duplicate or report a stale state). A
 * reconciliation runs {@link #exclusively}: it compares the whole host with the desired state, so no command may
 * change the host between its look and its actions.
 */
public final class SlotLocks {

    private final ReentrantReadWriteLock host = new ReentrantReadWriteLock(true);
    private final Map<String, ReentrantLock> slots = new ConcurrentHashMap<>();

    public void inSlot(String stackId, String containerName, Runnable work) {
        inSlot(stackId, containerName, () -> {
            work.run();
            return null;
        });
    }

    public <T> T inSlot(String stackId, String containerName, Supplier<T> work) {
        ReentrantLock slot = slots.computeIfAbsent(stackId + "/" + containerName, k -> new ReentrantLock());
        host.readLock().lock();
        try {
            slot.lock();
            try {
                return work.get();
            } finally {
                slot.unlock();
            }
        } finally {
            host.readLock().unlock();
        }
    }

    /** Runs {@code work} with no slot work in progress; slot work of the same thread may nest inside. */
    public <T> T exclusively(Supplier<T> work) {
        host.writeLock().lock();
        try {
            return work.get();
        } finally {
            host.writeLock().unlock();
        }
    }
}
