package io.greenwindow.service;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Hands each job on this node its own GPUs (their indexes become the job's CUDA_VISIBLE_DEVICES), so that jobs
 * side by side never share a device. A job asking for more GPUs than the node has usable gets all of them.
 */
final class GpuAllocator {

    private final TreeSet<Integer> free;
    private final int total;

    GpuAllocator(List<Integer> usable) {
        this.free = new TreeSet<>(usable);
        this.total = usable.size();
    }

    /** Waits until {@code wanted} GPUs (at most the node's) are free and takes them; empty when none are wanted or usable. */
    synchronized List<Integer> acquire(int wanted) throws InterruptedException {
        int n = Math.min(wanted, total);
        while (free.size() < n) {
            wait();
        }
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(free.pollFirst());
        }
        return taken;
    }

    synchronized void release(List<Integer> gpus) {
        free.addAll(gpus);
        notifyAll();
    }

    int total() {
        return total;
    }

    /** The CUDA_VISIBLE_DEVICES value for these GPUs: "" means none, and the child then trains on the CPU. */
    static String visibleDevices(List<Integer> gpus) {
        return String.join(",", gpus.stream().map(String::valueOf).toList());
    }
}
