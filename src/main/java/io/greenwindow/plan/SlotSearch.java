package io.greenwindow.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Run time for an interruptible job in the lowest-carbon slots before its deadline. Without constraints the
 * cheapest slots, taken greedily (the last one partly), are optimal. With a resume overhead per pause, a minimum
 * segment length and a maximum number of pauses the problem is no longer greedy: we repair the greedy answer by
 * filling the cheapest gaps until the constraints hold, then trim the dearest segment ends. The caller compares
 * the result with the best contiguous window and keeps the better, so a repair can never do worse than that.
 */
final class SlotSearch {

    record Result(List<long[]> segments, double integral) {
    }

    private static final long MERGE_GAP_FACTOR = 6;
    private static final int MAX_MERGES = 32;

    private SlotSearch() {
    }

    static Result best(IntensityCurve curve, SlotMask mask, long now, long latestEnd, long duration,
            long overhead, long minSegment, int maxPauses) {
        long limit = Math.min(latestEnd, curve.end());
        int lo = Math.max(0, curve.slotOf(now));
        int[] order = curve.cheapestFirst();
        List<long[]> chosen = new ArrayList<>();
        List<long[]> segments = List.of();
        long need = duration;
        long have = 0;
        int next = 0;
        // Take whole pieces, cheapest first, until the run time (with the overheads of the pauses they imply) is
        // covered. Walking the curve's global order keeps this O(slots) per job, with no sort of its own.
        long[] shrunk = null;
        long[] whole = null;
        for (int round = 0; round < 64; round++) {
            if (shrunk != null) {
                // More run time is needed (the pauses' overheads): give back the piece taken in part first.
                have += (whole[1] - whole[0]) - (shrunk[1] - shrunk[0]);
                shrunk[0] = whole[0];
                shrunk[1] = whole[1];
                shrunk = null;
            }
            while (have < need && next < order.length) {
                int k = order[next++];
                long from = Math.max(now, curve.slotStart(k));
                long to = Math.min(limit, curve.slotStart(k + 1));
                if (k < lo || to <= from || !mask.slotUsable(k)) {
                    continue;
                }
                chosen.add(new long[] {from, to});
                have += to - from;
            }
            if (have < need) {
                return null;
            }
            if (have > need) {
                // The dearest piece taken (the last) is taken only in part. Trimming it later would cut only at a
                // segment's ends, and this piece may lie between two cheaper ones once they are merged.
                long[] last = chosen.get(chosen.size() - 1);
                long[] full = last.clone();
                whole = full;
                long keep = last[1] - last[0] - (have - need);
                boolean pieceAfter = chosen.stream().anyMatch(p -> p[0] == full[1]);
                boolean pieceBefore = chosen.stream().anyMatch(p -> p[1] == full[0]);
                if (pieceAfter && !pieceBefore) {
                    last[0] = last[1] - keep;
                } else {
                    last[1] = last[0] + keep;
                }
                have = need;
                shrunk = last;
            }
            segments = merge(chosen);
            long required = duration + (segments.size() - 1) * overhead;
            if (required <= need) {
                break;
            }
            need = required;
        }
        segments = repair(curve, mask, segments, duration, overhead, Math.min(minSegment, duration), maxPauses);
        if (segments == null) {
            return null;
        }
        long minSeg = Math.min(minSegment, duration);
        trimToRequired(curve, segments, duration, overhead, minSeg);
        segments = mergeWhereAPauseDoesNotPay(curve, mask, segments, duration, overhead, minSeg);
        if (runTime(segments) != duration + (segments.size() - 1) * overhead) {
            // Every segment is at the minimum length and together they still run longer than needed: this many
            // segments cannot hold the job; the caller falls back to the best contiguous window.
            return null;
        }
        double integral = 0;
        for (long[] s : segments) {
            integral += curve.integral(s[0], s[1]);
        }
        return new Result(segments, integral);
    }

    /** Trimming may empty a segment; one pause fewer needs one overhead less, so trim again until stable. */
    private static void trimToRequired(IntensityCurve curve, List<long[]> segments, long duration, long overhead,
            long minSegment) {
        for (int round = 0; round < 64; round++) {
            trim(curve, segments, duration + (segments.size() - 1) * overhead, minSegment);
            int before = segments.size();
            segments.removeIf(seg -> seg[1] <= seg[0]);
            if (segments.size() == before) {
                return;
            }
        }
    }

    /**
     * The greedy choice ignores what a pause costs (its overhead runs at some intensity too). Run through a gap
     * instead of pausing whenever that, after trimming the time no longer needed, emits less; best merge first.
     */
    private static List<long[]> mergeWhereAPauseDoesNotPay(IntensityCurve curve, SlotMask mask, List<long[]> segments,
            long duration, long overhead, long minSegment) {
        if (overhead == 0) {
            return segments; // a free pause never costs more than running through a dearer gap
        }
        // Only short gaps can be worth running through: a long one costs far more than the pause it saves. The
        // bound keeps this step cheap when a noisy 5-minute forecast scatters the greedy choice into many pieces.
        long longestWorthTrying = MERGE_GAP_FACTOR * overhead + 3 * curve.step();
        List<long[]> current = segments;
        double currentCost = cost(curve, current);
        for (int round = 0; round < MAX_MERGES && current.size() > 1; round++) {
            List<long[]> best = null;
            double bestCost = currentCost * (1 - 1e-12);
            for (int i = 0; i + 1 < current.size(); i++) {
                long gapFrom = current.get(i)[1];
                long gapTo = current.get(i + 1)[0];
                if (gapTo - gapFrom > longestWorthTrying || !mask.usable(gapFrom, gapTo)) {
                    continue;
                }
                List<long[]> candidate = new ArrayList<>();
                for (long[] seg : current) {
                    candidate.add(seg.clone());
                }
                candidate.get(i)[1] = candidate.get(i + 1)[1];
                candidate.remove(i + 1);
                trimToRequired(curve, candidate, duration, overhead, minSegment);
                double c = cost(curve, candidate);
                if (c < bestCost) {
                    bestCost = c;
                    best = candidate;
                }
            }
            if (best == null) {
                return current;
            }
            current = best;
            currentCost = bestCost;
        }
        return current;
    }

    private static long runTime(List<long[]> segments) {
        long sum = 0;
        for (long[] seg : segments) {
            sum += seg[1] - seg[0];
        }
        return sum;
    }

    private static double cost(IntensityCurve curve, List<long[]> segments) {
        double sum = 0;
        for (long[] seg : segments) {
            sum += curve.integral(seg[0], seg[1]);
        }
        return sum;
    }

    private static List<long[]> merge(List<long[]> chosen) {
        List<long[]> sorted = new ArrayList<>(chosen);
        sorted.sort(Comparator.comparingLong(p -> p[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] p : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1)[1] == p[0]) {
                out.get(out.size() - 1)[1] = p[1];
            } else {
                out.add(new long[] {p[0], p[1]});
            }
        }
        return out;
    }

    /** Fills gaps (cheapest first) while there are too many pauses or a segment is too short. */
    private static List<long[]> repair(IntensityCurve curve, SlotMask mask, List<long[]> segments, long duration,
            long overhead, long minSegment, int maxPauses) {
        List<long[]> s = new ArrayList<>(segments);
        while (s.size() > 1 && (s.size() - 1 > maxPauses || shortest(s) < minSegment)) {
            int gap = -1;
            double gapCost = Double.POSITIVE_INFINITY;
            int shortIndex = shortest(s) < minSegment ? indexOfShortest(s) : -1;
            for (int i = 0; i + 1 < s.size(); i++) {
                if (shortIndex >= 0 && i != shortIndex && i + 1 != shortIndex) {
                    continue;
                }
                long from = s.get(i)[1];
                long to = s.get(i + 1)[0];
                if (!mask.usable(from, to)) {
                    continue;
                }
                double cost = curve.integral(from, to);
                if (cost < gapCost) {
                    gapCost = cost;
                    gap = i;
                }
            }
            if (gap < 0) {
                return null;
            }
            s.set(gap, new long[] {s.get(gap)[0], s.get(gap + 1)[1]});
            s.remove(gap + 1);
        }
        return s;
    }

    /** Removes run time beyond {@code required} from the dearest segment ends, one constant-rate piece at a time. */
    private static void trim(IntensityCurve curve, List<long[]> segments, long required, long minSegment) {
        long excess = -required;
        for (long[] s : segments) {
            excess += s[1] - s[0];
        }
        while (excess > 0) {
            long[] best = null;
            boolean atEnd = false;
            double rate = Double.NEGATIVE_INFINITY;
            for (long[] s : segments) {
                if (s[1] - s[0] <= minSegment) {
                    continue;
                }
                double head = curve.at(s[0]);
                double tail = curve.at(s[1] - 1);
                if (tail >= rate) {
                    rate = tail;
                    best = s;
                    atEnd = true;
                }
                if (head > rate) {
                    rate = head;
                    best = s;
                    atEnd = false;
                }
            }
            if (best == null) {
                return;
            }
            long room = best[1] - best[0] - minSegment;
            long cut;
            if (atEnd) {
                long boundary = curve.slotStart(curve.slotOf(best[1] - 1));
                cut = Math.min(Math.min(excess, room), best[1] - Math.max(boundary, best[0]));
                best[1] -= cut;
            } else {
                long boundary = curve.slotStart(curve.slotOf(best[0]) + 1);
                cut = Math.min(Math.min(excess, room), Math.min(boundary, best[1]) - best[0]);
                best[0] += cut;
            }
            if (cut <= 0) {
                return;
            }
            excess -= cut;
        }
    }

    private static long shortest(List<long[]> s) {
        return s.stream().mapToLong(x -> x[1] - x[0]).min().orElse(Long.MAX_VALUE);
    }

    private static int indexOfShortest(List<long[]> s) {
        int best = 0;
        for (int i = 1; i < s.size(); i++) {
            if (s.get(i)[1] - s.get(i)[0] < s.get(best)[1] - s.get(best)[0]) {
                best = i;
            }
        }
        return best;
    }
}
