package io.greenwindow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An oracle for the capacity the service promised, sharing no code with the planner: the waiting jobs' stored plans
 * read with plain SQL and their JSON parsed here, then a sweep over every instant a segment starts or ends counting
 * jobs and GPUs in use, and a brute-force search for a node per job (a job never changes node nor spans two) that
 * keeps every node within its slots and GPUs at every instant.
 */
final class StoredPlanSweep {

    /**
     * One planned segment of a job: [start, end) in zone, needing gpus; {@code node} the node it runs on for the
     * segment a running job is in now, null where the plan names a zone only.
     */
    record Use(String jobId, String zone, int gpus, Instant start, Instant end, String node) {

        Use(String jobId, String zone, int gpus, Instant start, Instant end) {
            this(jobId, zone, gpus, start, end, null);
        }

        /** A job's segments on one node: its running one (on its node) apart from those after its next pause. */
        String placement() {
            return node == null ? jobId : jobId + "@" + node;
        }
    }

    /** What one node offers. */
    record Node(String name, int slots, int gpus) {
    }

    private StoredPlanSweep() {
    }

    /**
     * What is still to run from {@code now}: the waiting jobs' segments and the running jobs' segments that end
     * after now (the one running and the ones after a pause), each cut to start no earlier than now.
     */
    static List<Use> pendingSegments(Database db, Instant now) {
        ObjectMapper json = new ObjectMapper();
        List<Use> uses = new ArrayList<>();
        new Jdbc(db.dataSource()).query("SELECT j.id, j.gpus, j.state, j.node, p.segments FROM jobs j"
                + " JOIN job_plans p ON p.job_id = j.id WHERE j.state IN ('HELD', 'PAUSED', 'RUNNING')", rs -> {
                    try {
                        boolean running = "RUNNING".equals(rs.getString("state"));
                        for (JsonNode s : json.readTree(rs.getString("segments"))) {
                            Instant start = instant(s.get("start"));
                            Instant end = instant(s.get("end"));
                            if (end.isAfter(now)) {
                                // The segment a running job is in runs on its node; later ones go where there is room.
                                String node = running && !start.isAfter(now) ? rs.getString("node") : null;
                                uses.add(new Use(rs.getString("id"), s.get("zone").asText(), rs.getInt("gpus"),
                                        start.isBefore(now) ? now : start, end, node));
                            }
                        }
                    } catch (java.io.IOException e) {
                        throw new AssertionError("stored segments are not JSON: " + e.getMessage());
                    }
                    return null;
                });
        return uses;
    }

    /** The stored forms: an ISO instant, or (rows of older versions) decimal epoch seconds. */
    private static Instant instant(JsonNode n) {
        if (n.isNumber()) {
            BigDecimal s = n.decimalValue();
            return Instant.ofEpochSecond(s.longValue(), s.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(n.asText());
    }

    /** The most segments of {@code zone} that overlap at any instant (an end and a start at one instant do not). */
    static int peakJobs(List<Use> uses, String zone) {
        return peak(uses, zone, u -> 1);
    }

    /** The most GPUs of {@code zone} in use at any instant. */
    static int peakGpus(List<Use> uses, String zone) {
        return peak(uses, zone, Use::gpus);
    }

    private static int peak(List<Use> uses, String zone, java.util.function.ToIntFunction<Use> weight) {
        List<long[]> events = new ArrayList<>(); // {time in nanos since epoch, +w or -w}
        for (Use u : uses) {
            if (u.zone().equals(zone) && u.end().isAfter(u.start())) {
                events.add(new long[] {nanos(u.start()), weight.applyAsInt(u)});
                events.add(new long[] {nanos(u.end()), -weight.applyAsInt(u)});
            }
        }
        // At one instant, ends come before starts: [a, b) and [b, c) never overlap.
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int peak = 0;
        for (long[] e : events) {
            now += (int) e[1];
            peak = Math.max(peak, now);
        }
        return peak;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * Whether each job's segments in {@code zone} can be given one node of {@code nodes} so that no node ever runs
     * more jobs than its slots nor more GPUs than it has, by backtracking over the jobs in order of first start. The
     * segment a running job is in stays on its node; the segments after its next pause are placed apart from it.
     */
    static boolean assignable(List<Use> uses, String zone, List<Node> nodes) {
        Map<String, List<Use>> byJob = new java.util.TreeMap<>();
        uses.stream().filter(u -> u.zone().equals(zone)).forEach(u ->
                byJob.computeIfAbsent(u.placement(), k -> new ArrayList<>()).add(u));
        List<List<Use>> jobs = new ArrayList<>(byJob.values());
        jobs.sort(Comparator.comparing(j -> j.stream().map(Use::start).min(Comparator.naturalOrder()).orElseThrow()));
        List<List<Use>> onNode = new ArrayList<>();
        nodes.forEach(n -> onNode.add(new ArrayList<>()));
        return assign(jobs, 0, nodes, onNode, new int[] {0});
    }

    /**
     * The nodes whose running jobs alone (the segments they are in now, on their nodes) need more job slots or GPUs
     * than the node has at some instant; empty when every node holds what runs on it.
     */
    static List<String> overfullNodes(List<Use> uses, String zone, List<Node> nodes) {
        List<String> over = new ArrayList<>();
        for (Node n : nodes) {
            List<Use> there = uses.stream().filter(u -> n.name().equals(u.node())).toList();
            if (peakJobs(there, zone) > n.slots() || peakGpus(there, zone) > n.gpus()) {
                over.add(n.name() + " runs " + there);
            }
        }
        return over;
    }

    /** Tries far more than the few dozen jobs of a test ever need; beyond it the answer is unknown, not yes. */
    private static final int MAX_STEPS = 2_000_000;

    private static boolean assign(List<List<Use>> jobs, int next, List<Node> nodes, List<List<Use>> onNode,
            int[] steps) {
        if (next == jobs.size()) {
            return true;
        }
        if (++steps[0] > MAX_STEPS) {
            throw new AssertionError("no node assignment found within " + MAX_STEPS + " steps");
        }
        List<Use> job = jobs.get(next);
        for (int i = 0; i < nodes.size(); i++) {
            String pinned = job.get(0).node();
            if (pinned != null && !pinned.equals(nodes.get(i).name())) {
                continue;
            }
            List<Use> there = onNode.get(i);
            there.addAll(job);
            Node n = nodes.get(i);
            if (peakJobs(there, job.get(0).zone()) <= n.slots() && peakGpus(there, job.get(0).zone()) <= n.gpus()
                    && assign(jobs, next + 1, nodes, onNode, steps)) {
                return true;
            }
            there.subList(there.size() - job.size(), there.size()).clear();
        }
        return false;
    }
}
