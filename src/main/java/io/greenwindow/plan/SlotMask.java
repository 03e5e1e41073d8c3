package io.greenwindow.plan;

/**
 * Which slots of a curve a job may use (capacity free for its GPUs). Kept as a running count of blocked slots so
 * that "is every slot of this window usable?" costs O(1) per candidate.
 */
final class SlotMask {

    private final IntensityCurve curve;
    private final int[] blockedBefore;

    SlotMask(IntensityCurve curve, boolean[] blocked) {
        this.curve = curve;
        this.blockedBefore = new int[blocked.length + 1];
        for (int i = 0; i < blocked.length; i++) {
            blockedBefore[i + 1] = blockedBefore[i] + (blocked[i] ? 1 : 0);
        }
    }

    private SlotMask(IntensityCurve curve) {
        this.curve = curve;
        this.blockedBefore = null;
    }

    /** Nothing blocked: no arrays, since re-planning thousands of jobs without a capacity limit builds one per job. */
    static SlotMask allUsable(IntensityCurve curve) {
        return new SlotMask(curve);
    }

    /** True when no slot overlapping [from, to) is blocked. */
    boolean usable(long from, long to) {
        if (blockedBefore == null || blockedBefore[blockedBefore.length - 1] == 0) {
            return true;
        }
        int lo = Math.max(0, curve.slotOf(from));
        int hi = Math.min(curve.size(), curve.slotOf(to - 1) + 1);
        return lo >= hi || blockedBefore[hi] - blockedBefore[lo] == 0;
    }

    boolean slotUsable(int slot) {
        return blockedBefore == null || blockedBefore[slot + 1] - blockedBefore[slot] == 0;
    }
}
