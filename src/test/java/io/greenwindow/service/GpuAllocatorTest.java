package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GpuAllocatorTest {

    @Test
    void acquire_givesDistinctGpus_toJobsSideBySide() throws Exception {
        GpuAllocator gpus = new GpuAllocator(List.of(0, 1, 2, 3));
        List<Integer> a = gpus.acquire(2);
        List<Integer> b = gpus.acquire(2);
        assertThat(a).containsExactly(0, 1);
        assertThat(b).containsExactly(2, 3);
        assertThat(GpuAllocator.visibleDevices(b)).isEqualTo("2,3");
    }

    @Test
    void acquire_whenAllTaken_waitsForARelease() throws Exception {
        GpuAllocator gpus = new GpuAllocator(List.of(0, 1));
        List<Integer> first = gpus.acquire(2);
        CompletableFuture<List<Integer>> second = CompletableFuture.supplyAsync(() -> {
            try {
                return gpus.acquire(1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(second).isNotDone();

        gpus.release(first);

        assertThat(second.get(5, TimeUnit.SECONDS)).containsExactly(0);
    }

    @Test
    void acquire_noGpusOnNode_givesNoneSoTheJobTrainsOnCpu() throws Exception {
        GpuAllocator gpus = new GpuAllocator(List.of());
        assertThat(gpus.acquire(4)).isEmpty();
        assertThat(GpuAllocator.visibleDevices(List.of())).isEmpty();
    }

    @Test
    void acquire_moreThanTheNodeHas_givesAllOfThem() throws Exception {
        GpuAllocator gpus = new GpuAllocator(List.of(0, 1));
        assertThat(gpus.acquire(8)).containsExactly(0, 1);
    }
}
