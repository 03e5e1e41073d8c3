package io.greenwindow.reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every reason code is worded, survives being stored, and reads the sentences users have always read. */
class WordingTest {

    private static final Instant AT = Instant.parse("2026-12-04T06:00:00Z");

    /** A reason of {@code code} with every argument it may carry, each a plain value of its kind. */
    private static Reason sample(ReasonCode code) {
        Reason r = Reason.of(code, AT);
        for (ReasonCode.Param p : code.params()) {
            r = r.with(p.name(), switch (p.kind()) {
                case TEXT -> "DE";
                case INSTANT -> AT.plus(Duration.ofHours(2));
                case DURATION -> Duration.ofMinutes(90);
                case NUMBER -> 0.25;
                case COUNT -> 2;
                case TEXTS -> List.of("DE", "FR");
                case FLAG -> true;
                case FULL -> FullCapacity.jobSlots(2);
            });
        }
        return r;
    }

    @Test
    void render_everyCode_givesASentenceWithoutGaps_andTheSameAfterBeingStored() {
        for (ReasonCode code : ReasonCode.values()) {
            Reason r = sample(code);
            boolean wraps = code.name().startsWith("REPLANNED") || code == ReasonCode.STARTING_NOW
                    || code == ReasonCode.SLURM_FAILED;
            if (wraps) {
                r = r.because(sample(ReasonCode.DEADLINE_NO_ROOM));
            }
            String sentence = Wording.render(r);
            assertThat(sentence).as(code.name()).isNotBlank().doesNotContain("null").doesNotContain("NaN");
            assertThat(Wording.render(ReasonJson.read(ReasonJson.write(r), "unused"))).as(code.name())
                    .isEqualTo(sentence);
        }
    }

    @Test
    void render_aDecisionWithNotes_readsAsTheSentenceBeforeCodes() {
        // The sentence below is the one the planner wrote as text before reasons had codes (Draft.greenReason and
        // Decider's budget note): the wording must not change with the data behind it.
        Reason held = Reason.of(ReasonCode.HELD_FOR_WINDOW, AT).with("until", Instant.parse("2026-12-04T14:00:00Z"))
                .with("zone", "FR").with("homeZone", "DE").with("segments", 1).with("expected", 50.4)
                .with("nowAvg", 300.0).with("saving", 0.832)
                .and(Reason.of(ReasonCode.OVER_BUDGET, AT).with("team", "nlp").with("spentKg", 12.34).with("limitKg", 10));
        assertThat(Wording.render(held)).isEqualTo("held until 14:00 UTC in FR: forecast 50 g/kWh vs 300 now in DE, "
                + "expected saving 83%; team nlp is over its carbon budget (12.3 of 10.0 kg this month), so it waits "
                + "for the greenest window");
    }

    @Test
    void render_startingNow_replacesRunNowOnlyWhereTheDecisionSaysIt() {
        Reason late = Reason.of(ReasonCode.DEADLINE_WILL_BE_MISSED, AT).with("deadline", AT.plusSeconds(600))
                .with("duration", Duration.ofMinutes(20)).with("end", AT.plusSeconds(1200));
        assertThat(Wording.render(late)).isEqualTo(
                "run now: deadline 06:10 UTC will be missed: a 20m job started now ends at 06:20 UTC");
        assertThat(Wording.render(Reason.of(ReasonCode.STARTING_NOW, AT).because(late))).isEqualTo(
                "starting now: deadline 06:10 UTC will be missed: a 20m job started now ends at 06:20 UTC");

        Reason queued = Reason.of(ReasonCode.QUEUED_FOR_CAPACITY, AT).with("zone", "DE")
                .with("full", FullCapacity.jobSlots(1)).with("start", AT)
                .with("deadline", Instant.parse("2026-12-05T06:40:00Z"));
        assertThat(Wording.render(Reason.of(ReasonCode.STARTING_NOW, AT).because(queued))).isEqualTo(
                "starting now: queued: the one job slot in DE is free now; starts now, deadline "
                        + "2026-12-05 06:40 UTC");
    }

    /** A QUEUED_FOR_CAPACITY decision made at AT (06:00) in DE, deadline 09:00 the same day. */
    private static Reason queued(FullCapacity full, Instant start) {
        return Reason.of(ReasonCode.QUEUED_FOR_CAPACITY, AT).with("zone", "DE").with("full", full)
                .with("start", start).with("deadline", Instant.parse("2026-12-04T09:00:00Z"));
    }

    @Test
    void render_queuedForCapacity_namesWhatIsFullWithItsNumber() {
        Instant later = Instant.parse("2026-12-04T07:30:00Z");
        String tail = " in DE %s planned until 07:30 UTC; starts 07:30 UTC, deadline 09:00 UTC";
        assertThat(Wording.render(queued(FullCapacity.jobSlots(1), later)))
                .isEqualTo("queued: the one job slot" + tail.formatted("is"));
        assertThat(Wording.render(queued(FullCapacity.jobSlots(3), later)))
                .isEqualTo("queued: the 3 job slots" + tail.formatted("are"));
        assertThat(Wording.render(queued(FullCapacity.gpus(1), later)))
                .isEqualTo("queued: the one GPU" + tail.formatted("is"));
        assertThat(Wording.render(queued(FullCapacity.gpus(4), later)))
                .isEqualTo("queued: the 4 GPUs" + tail.formatted("are"));
        assertThat(Wording.render(queued(FullCapacity.eachNodesGpus(1), later)))
                .isEqualTo("queued: each node's GPUs" + tail.formatted("are"));
        assertThat(Wording.render(queued(null, later)))
                .isEqualTo("queued: capacity" + tail.formatted("is"));
    }

    @Test
    void render_queuedForCapacity_startingAtTheDecision_saysFreeNow_notPlannedUntilNow() {
        assertThat(Wording.render(queued(null, AT)))
                .isEqualTo("queued: capacity in DE is free now; starts now, deadline 09:00 UTC");
        assertThat(Wording.render(queued(FullCapacity.gpus(2), AT)))
                .isEqualTo("queued: the 2 GPUs in DE are free now; starts now, deadline 09:00 UTC");
    }

    @Test
    void render_deadlineCannotBeMet_saysWhatMustFreeUp() {
        Reason r = Reason.of(ReasonCode.DEADLINE_CANNOT_BE_MET, AT).with("deadline", Instant.parse("2026-12-04T07:00:00Z"))
                .with("zones", List.of("DE", "FR")).with("gpus", 2).with("duration", Duration.ofHours(1))
                .with("start", Instant.parse("2026-12-04T08:00:00Z")).with("zone", "DE");
        String head = "cannot meet deadline 07:00 UTC: no allowed zone (DE, FR) has 2 free GPUs for a 1h run before it; "
                + "starts at 08:00 UTC in DE, the earliest ";
        assertThat(Wording.render(r.with("full", FullCapacity.gpus(4)))).isEqualTo(head + "the GPUs are free");
        assertThat(Wording.render(r.with("full", FullCapacity.eachNodesGpus(2)))).isEqualTo(head + "the GPUs are free");
        assertThat(Wording.render(r.with("full", FullCapacity.jobSlots(1)))).isEqualTo(head + "a job slot is free");
        assertThat(Wording.render(r)).isEqualTo(head + "capacity is free");
    }

    @Test
    void render_fullLongPastDeadline_namesWhatIsFull() {
        Reason r = Reason.of(ReasonCode.FULL_LONG_PAST_DEADLINE, AT).with("zone", "DE")
                .with("deadline", Instant.parse("2026-12-04T09:00:00Z")).with("searched", Duration.ofDays(60));
        String tail = " in DE %s planned for more than 60 days past the deadline 09:00 UTC; starts now, beyond capacity";
        assertThat(Wording.render(r.with("full", FullCapacity.jobSlots(1)))).isEqualTo("cannot fit: the one job slot"
                + tail.formatted("is"));
        assertThat(Wording.render(r.with("full", FullCapacity.jobSlots(2)))).isEqualTo("cannot fit: the 2 job slots"
                + tail.formatted("are"));
        assertThat(Wording.render(r.with("full", FullCapacity.gpus(4)))).isEqualTo("cannot fit: the 4 GPUs"
                + tail.formatted("are"));
        assertThat(Wording.render(r.with("full", FullCapacity.eachNodesGpus(2)))).isEqualTo("cannot fit: each node's GPUs"
                + tail.formatted("are"));
        assertThat(Wording.render(r)).isEqualTo("cannot fit: the capacity" + tail.formatted("is"));
    }

    @Test
    void read_aQueuedRowWhoseFullWasAPhrase_isItsSentence() {
        // Rows written before FULL existed stored "full" as the phrase itself.
        String old = "{\"code\":\"QUEUED_FOR_CAPACITY\",\"at\":\"2026-12-04T06:00:00Z\",\"args\":{\"zone\":\"DE\","
                + "\"full\":\"the one job slot\",\"start\":\"2026-12-04T07:00:00Z\","
                + "\"deadline\":\"2026-12-04T09:00:00Z\"}}";
        assertThat(Wording.render(ReasonJson.read(old, "as stored"))).isEqualTo("as stored");
        Reason now = queued(FullCapacity.jobSlots(2), Instant.parse("2026-12-04T07:00:00Z"));
        assertThat(ReasonJson.read(ReasonJson.write(now), "unused")).isEqualTo(now);
    }

    @Test
    void render_replannedOnNews_wrapsTheNewDecision() {
        Reason news = Reason.prefix(ReasonCode.REPLANNED_ON_FORECAST).with("zone", "DE")
                .with("generated", AT).at(AT).because(Reason.of(ReasonCode.HELD_FOR_WINDOW, AT)
                        .with("until", Instant.parse("2026-12-04T14:00:00Z")).with("zone", "DE").with("homeZone", "DE")
                        .with("segments", 1).with("expected", 50).with("nowAvg", 300).with("saving", 0.8333));
        assertThat(Wording.render(news)).isEqualTo("re-planned on a new DE forecast (generated 06:00 UTC): held until "
                + "14:00 UTC: forecast 50 g/kWh vs 300 now, expected saving 83%");
    }

    @Test
    void reason_missingOrMistypedArgument_isRefusedNamingIt() {
        assertThatThrownBy(() -> Wording.render(Reason.of(ReasonCode.FAILED, AT)))
                .hasMessageContaining("FAILED needs argument message");
        assertThatThrownBy(() -> Reason.of(ReasonCode.FAILED, AT).with("message", 3))
                .hasMessageContaining("FAILED.message must be TEXT");
        assertThatThrownBy(() -> Reason.of(ReasonCode.FAILED, AT).with("colour", "red"))
                .hasMessageContaining("FAILED has no argument colour");
    }

    @Test
    void read_aRowFromBeforeCodes_orWithACodeThisVersionDoesNotKnow_isItsSentence() {
        assertThat(Wording.render(ReasonJson.read(null, "held until 02:30 UTC: as stored"))).isEqualTo(
                "held until 02:30 UTC: as stored");
        assertThat(Wording.render(ReasonJson.read("{\"code\":\"FROM_THE_FUTURE\",\"at\":\"2026-12-04T06:00:00Z\"}",
                "a newer node's sentence"))).isEqualTo("a newer node's sentence");
    }
}
