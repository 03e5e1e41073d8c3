package io.greenwindow.energy;

import java.time.Instant;
import java.util.List;

/** A source of cumulative energy readings for one job (its process, its GPUs, its share of the CPU packages). */
public interface EnergyMeter {

    /** Cumulative readings since this meter was created; {@code at} is the time of the sample. */
    List<MeterReading> read(Instant at);
}
