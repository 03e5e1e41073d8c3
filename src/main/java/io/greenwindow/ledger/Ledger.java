package io.greenwindow.ledger;

import io.greenwindow.db.Database;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.grid.CarbonSignals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The carbon ledger: one append-only, hash-chained entry per run segment and per finished job, with its energy
 * by component and method, its carbon from the zone's history, what waiting avoided, and for a job its projected
 * inference cost and SCI. Nothing is ever changed: late history completes a pending entry with a new entry.
 */
public final class Ledger {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ledger.class);

    private final LedgerRepository repository;
    private final CarbonSignals signals;
    private final Clock clock;
    private final LedgerSettings settings;
    private final CarbonAccountant accountant;
    private final SciCalculator sci;
    /** Signs head checkpoints outside the database; null when none is configured (then heads are unsigned). */
    private final LedgerAnchor anchor;
    /** The totals last summed, with the head they include (see {@link #totals()}). */
    private volatile LedgerTotals totals;

    public Ledger(Database db, CarbonSignals signals, Clock clock, LedgerSettings settings) {
        this(new JdbcLedgerRepository(db), signals, clock, settings);
    }

    /** A ledger whose heads are signed by {@code anchor} as entries are appended and reports are made. */
    public Ledger(Database db, CarbonSignals signals, Clock clock, LedgerSettings settings, LedgerAnchor anchor) {
        this(new JdbcLedgerRepository(db), signals, clock, settings, anchor);
    }

    public Ledger(LedgerRepository repository, CarbonSignals signals, Clock clock, LedgerSettings settings) {
        this(repository, signals, clock, settings, null);
    }

    public Ledger(LedgerRepository repository, CarbonSignals signals, Clock clock, LedgerSettings settings,
            LedgerAnchor anchor) {
        this.anchor = anchor;
        this.repository = Objects.requireNonNull(repository, "repository");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = settings == null ? LedgerSettings.DEFAULT : settings;
        this.accountant = new CarbonAccountant(signals);
        this.sci = new SciCalculator(this.settings);
    }

    public Clock clock() {
        return clock;
    }

    public LedgerSettings settings() {
        return settings;
    }

    /**
     * Writes the entry of one run segment, in its own transaction. Its counterfactual starts at submission plus
     * the run time of the job's earlier segments, so that a job's segments laid back to back are the job run at once.
     */
    public LedgerEntry recordSegment(SegmentRecord record) {
        Duration before = Duration.ZERO;
        Set<Integer> seen = new HashSet<>();
        for (LedgerEntry e : repository.segmentsOf(record.jobId())) {
            Integer index = e.content().segmentIndex();
            if (index != null && index < record.segmentIndex() && seen.add(index)) {
                before = before.plus(Duration.between(e.content().start(), e.content().end()));
            }
        }
        EnergyReport energy = record.energy();
        CarbonFigures carbon = account(record.zone(), List.of(energy), record.submittedAt().plus(before),
                configuredSource(record.zone()), energy.end());
        EntryContent content = new EntryContent(EntryKind.SEGMENT, status(carbon), pendingReason(carbon), null,
                record.jobId(), record.jobName(), record.team(), record.zone(), record.segmentIndex(),
                record.submittedAt(), energy.start(), energy.end(), EnergyFigures.of(List.of(energy)), carbon, null,
                List.of(), null, null, List.of(energy));
        return append(content);
    }

    /** An entry with a segment whose energy was not measured to its end says so and is never COMPLETE. */
    private static EntryContent partialWhereUnmeasured(EntryContent c) {
        List<String> gaps = c.segments().stream().filter(s -> !s.coversWholeSegment()).map(EnergyReport::incomplete)
                .distinct().toList();
        if (gaps.isEmpty()) {
            return c;
        }
        String reason = "energy incomplete: " + String.join("; ", gaps)
                + (c.statusReason().isBlank() ? "" : "; " + c.statusReason());
        return new EntryContent(c.kind(), EntryStatus.PARTIAL_ENERGY, reason, c.completesSeq(), c.jobId(),
                c.jobName(), c.team(), c.zone(), c.segmentIndex(), c.submittedAt(), c.start(), c.end(), c.energy(),
                c.carbon(), c.inference(), c.sci(), c.assumptions(), c.probe(), c.segments());
    }

    /** Whether the finished job {@code jobId} has its JOB entry. */
    public boolean hasJobEntry(String jobId) {
        return repository.hasJobEntry(jobId);
    }

    /** Writes the entry of a finished job: all its segments, the saving, the inference projection and SCI. */
    public LedgerEntry recordJob(JobRecord record) {
        EntryContent content = jobContent(EntryKind.JOB, null, record.jobId(), record.jobName(), record.team(),
                record.zone(), record.submittedAt(), record.startedAt(), record.finishedAt(), record.segments(),
                record.inference(), record.probe(), configuredSource(record.zone()));
        return append(content);
    }

    /**
     * Retries every entry whose carbon is pending against the history known now and, where its carbon is complete,
     * appends a COMPLETION entry that names the entry it completes. An entry whose energy was cut by a crash
     * (PARTIAL_ENERGY) gets its carbon completed too, and its completion stays PARTIAL_ENERGY, saying why. Returns
     * how many were completed.
     */
    public int completePending() {
        int completed = 0;
        for (LedgerEntry pending : repository.pendingWithoutCompletion()) {
            try {
                EntryContent completion = recompute(pending, EntryKind.COMPLETION,
                        "Completes entry " + pending.seq() + " now that history covers it");
                if (completion.carbon() != null && completion.carbon().complete()) {
                    append(completion);
                    completed++;
                }
            } catch (RuntimeException e) {
                // One entry that cannot be completed stays pending (and says so); the others are completed.
                LOG.error("Ledger entry {} could not be completed: {}", pending.seq(), e.getMessage(), e);
            }
        }
        return completed;
    }

    /**
     * Recomputes the carbon of every complete entry whose run ended at or after {@code ranSince} and, where the
     * provider has since revised its history, appends a CORRECTION naming the entry and both figures. Meant to run
     * now and then (daily) over the last weeks; returns how many were corrected.
     */
    public int correctRevisedHistory(Instant ranSince) {
        List<LedgerEntry> entries = repository.entries(new LedgerQuery(null, ranSince, null));
        Map<Long, LedgerEntry> latest = EffectiveEntries.latestReplacements(entries);
        int corrected = 0;
        for (LedgerEntry original : entries) {
            if (original.content().kind().replacesAnother()) {
                continue;
            }
            LedgerEntry current = latest.getOrDefault(original.seq(), original);
            CarbonFigures was = current.content().carbon();
            // Carbon complete, whatever the energy: an entry with a crash-cut segment is corrected like any other.
            if (was == null || !was.complete()) {
                continue;
            }
            EntryContent now = recompute(original, EntryKind.CORRECTION, "");
            CarbonFigures is = now.carbon();
            boolean ownHistoryArrived = was.substitute() && !is.substitute();
            if (is == null || !is.complete() || (!ownHistoryArrived
                    && same(was.inventoryG(), is.inventoryG()) && same(was.avoidedG(), is.avoidedG()))) {
                continue;
            }
            String what = ownHistoryArrived
                    ? "History of %s from its configured provider (%s) arrived, replacing the substitute "
                            + was.source() + ": inventory %s -> %s,"
                    : "History of %s (%s) was revised: inventory %s -> %s,";
            String reason = String.format(java.util.Locale.ROOT, what
                    + " avoided %s -> %s; replaces the figures of entry %d", original.content().zone(), is.source(),
                    Quantities.carbon(was.inventoryG()), Quantities.carbon(is.inventoryG()),
                    Quantities.carbon(was.avoidedG()), Quantities.carbon(is.avoidedG()), current.seq());
            append(withReason(now, reason));
            corrected++;
        }
        return corrected;
    }

    public List<LedgerEntry> entries(LedgerQuery query) {
        return repository.entries(query == null ? LedgerQuery.ALL : query);
    }

    /** One page of {@link #entries}: at most {@code limit} entries after the one numbered {@code afterSeq}. */
    public List<LedgerEntry> page(LedgerQuery query, long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
        return repository.page(query == null ? LedgerQuery.ALL : query, afterSeq, limit);
    }

    /**
     * kg CO2e of inventory that {@code team}'s runs ending in [from, to) emitted, each job counted once and a
     * figure still waiting for history counted as nothing. Has the shape of the planner's {@code CarbonBudget}, so
     * that {@code ledger::inventoryKg} enforces the policies' team budgets.
     */
    public double inventoryKg(String team, Instant from, Instant to) {
        if (team == null || team.isBlank() || from == null || to == null || !to.isAfter(from)) {
            return 0;
        }
        double grams = 0;
        for (LedgerEntry e : EffectiveEntries.of(repository.entries(new LedgerQuery(team, from, to)))) {
            CarbonFigures carbon = e.content().carbon();
            if (carbon != null && carbon.inventoryG() != null) {
                grams += carbon.inventoryG();
            }
        }
        return grams / 1000;
    }

    /**
     * The whole ledger's totals (for the metrics), summed again only when an entry was appended since the last call:
     * a scrape every few seconds then costs one read of the newest row.
     */
    public LedgerTotals totals() {
        long seq = repository.newestRow().map(LedgerRow::seq).orElse(0L);
        LedgerTotals last = totals;
        if (last == null || last.headSeq() != seq) {
            last = LedgerTotals.of(seq, repository.entries(LedgerQuery.ALL));
            totals = last;
        }
        return last;
    }

    /**
     * Prices a trained model's inference over the deployment a lead asks about against its training saving, from
     * the job's newest figures (a completion or correction replaces the original's).
     *
     * @throws java.util.NoSuchElementException when the ledger has no finished-job entry for the job
     */
    public WhatIfAnswer whatIf(WhatIfQuestion question) {
        List<LedgerEntry> effective = EffectiveEntries.of(repository.entries(LedgerQuery.ALL)).stream()
                .filter(e -> question.jobId().equals(e.content().jobId()) && e.content().segmentIndex() == null)
                .toList();
        if (effective.isEmpty()) {
            throw new java.util.NoSuchElementException("job: no finished job " + question.jobId() + " in the ledger");
        }
        return new WhatIfCalculator(sci, this::deploymentIntensity).answer(effective.get(effective.size() - 1), question);
    }

    /**
     * Walks the whole chain, naming each edited entry and each gap left by a deleted one, and checks it against
     * the newest signed checkpoint: removed or rewritten newest entries, an emptied table and a rolled-back
     * database show there. An edited checkpoint file shows as a line without a valid signature.
     */
    public VerifyResult verify() {
        return AnchoredChain.verify(repository.rowsInChainOrder(), anchor);
    }

    /** As {@link #verify()}, and against a head a lead wrote down ({@code seq} with {@code hash}). */
    public VerifyResult verify(long seq, String hash) {
        return AnchoredChain.verify(repository.rowsInChainOrder(), anchor, seq, hash);
    }

    /**
     * The head now, signed and checkpointed when an anchor is configured: what every report and export carries.
     * An empty ledger's head is entry 0 with the genesis hash.
     */
    public LedgerHead head() {
        var newest = repository.newestRow();
        long seq = newest.map(LedgerRow::seq).orElse(0L);
        String hash = newest.map(LedgerRow::hash).orElse(LedgerChain.GENESIS);
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return anchor == null ? new LedgerHead(seq, hash, at, null, null) : anchor.checkpoint(seq, hash, at);
    }

    /** Appends in its own transaction, then signs the new head outside the database. */
    private LedgerEntry append(EntryContent content) {
        LedgerEntry entry = repository.append(clock.instant(), partialWhereUnmeasured(content));
        if (anchor != null) {
            try {
                anchor.checkpoint(entry.seq(), entry.hash(), entry.recordedAt());
            } catch (RuntimeException e) {
                // The entry is committed; the next append or report signs a newer head that covers it.
                LOG.warn("Ledger entry {} written but its checkpoint was not: {}", entry.seq(), e.getMessage());
            }
        }
        return entry;
    }

    /** The figures of {@code original} (a SEGMENT or JOB entry) computed again from the history known now. */
    private EntryContent recompute(LedgerEntry original, EntryKind kind, String reason) {
        EntryContent p = original.content();
        EntryContent content;
        if (p.kind() == EntryKind.JOB) {
            content = jobContent(kind, original.seq(), p.jobId(), p.jobName(), p.team(), p.zone(), p.submittedAt(),
                    p.start(), p.end(), p.segments(), p.assumptions(), p.probe(), configuredSourceOf(p));
        } else {
            Instant cfStart = p.carbon() == null || p.carbon().counterfactualStart() == null
                    ? p.submittedAt() : p.carbon().counterfactualStart();
            CarbonFigures carbon = account(p.zone(), p.segments(), cfStart, configuredSourceOf(p), p.end());
            content = new EntryContent(kind, status(carbon), "", original.seq(), p.jobId(), p.jobName(), p.team(),
                    p.zone(), p.segmentIndex(), p.submittedAt(), p.start(), p.end(), p.energy(), carbon, null,
                    List.of(), null, null, p.segments());
        }
        return withReason(content, reason); // appending marks an entry with unmeasured energy PARTIAL_ENERGY
    }

    private static EntryContent withReason(EntryContent c, String reason) {
        return new EntryContent(c.kind(), c.status(), reason, c.completesSeq(), c.jobId(), c.jobName(), c.team(),
                c.zone(), c.segmentIndex(), c.submittedAt(), c.start(), c.end(), c.energy(), c.carbon(), c.inference(),
                c.sci(), c.assumptions(), c.probe(), c.segments());
    }

    /** Revisions below a hundredth of a gram or a millionth of the figure are rounding, not revisions. */
    private static boolean same(Double a, Double b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Math.abs(a - b) <= Math.max(0.01, 1e-6 * Math.abs(a));
    }

    private EntryContent jobContent(EntryKind kind, Long completesSeq, String jobId, String jobName, String team,
            String zone, Instant submittedAt, Instant startedAt, Instant finishedAt, List<EnergyReport> segments,
            InferenceAssumptions assumptions, io.greenwindow.energy.InferenceProbeResult probe, String configured) {
        EnergyFigures energy = EnergyFigures.of(segments);
        CarbonFigures carbon = account(zone, segments, submittedAt, configured, finishedAt);
        List<SciScore> scores = new ArrayList<>();
        scores.add(sci.trainingRun(energy, carbon.intensityGPerKwh()));
        InferenceProjection inference = null;
        if (assumptions != null && probe != null) {
            DeploymentIntensity intensity = deploymentIntensity(assumptions.zone());
            inference = InferenceProjector.project(assumptions, probe, intensity, carbon.avoidedG());
            scores.add(sci.thousandRequests(inference, probe));
        }
        String reason = completesSeq != null ? "" : pendingReason(carbon);
        return new EntryContent(kind, status(carbon), reason, completesSeq, jobId, jobName, team, zone, null,
                submittedAt, startedAt, finishedAt, energy, carbon, inference, scores, assumptions, probe, segments);
    }

    /** The deployment zone's intensity over the configured window of history (see {@link DeploymentIntensity}). */
    private DeploymentIntensity deploymentIntensity(String zone) {
        return DeploymentIntensity.of(signals, clock.instant(), settings.deploymentIntensityWindow(), zone);
    }

    /**
     * The carbon from the zone's configured history provider; from another source only once {@code runEnd} is
     * {@code substituteAfter} behind, and then marked as a substitute.
     */
    private CarbonFigures account(String zone, List<EnergyReport> segments, Instant counterfactualStart,
            String configured, Instant runEnd) {
        boolean waitedEnough = !clock.instant().isBefore(runEnd.plus(settings.substituteAfter()));
        return accountant.account(zone, segments, counterfactualStart, configured,
                waitedEnough ? settings.substituteAfter() : null);
    }

    private String configuredSource(String zone) {
        return signals.configuredHistorySource(zone).orElse(null);
    }

    /** The source configured when the job ran, as its first entry recorded it (null for older entries). */
    private static String configuredSourceOf(EntryContent original) {
        CarbonFigures c = original.carbon();
        return c == null || c.provenance() == null ? null : c.provenance().configuredSource();
    }

    private static EntryStatus status(CarbonFigures carbon) {
        return carbon.complete() ? EntryStatus.COMPLETE : EntryStatus.PENDING;
    }

    private static String pendingReason(CarbonFigures carbon) {
        return carbon.complete() ? "" : String.join("; ", carbon.notes().stream()
                .filter(n -> n.contains("later entry")).toList());
    }

}
