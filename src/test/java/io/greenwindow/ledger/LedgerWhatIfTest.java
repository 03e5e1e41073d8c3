package io.greenwindow.ledger;

import static io.greenwindow.ledger.LedgerAccountingTest.NOW;
import static io.greenwindow.ledger.LedgerAccountingTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.InferenceProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inference what-if and SCI per 1,000 requests, every figure by hand. The job is the accounting test's: 264 g
 * avoided by waiting; its probe 0.5 J/token and 0.4 ms/token (0.2 s per short request), measured by NVML; the
 * spec 1,000 requests a day for 365 days, 1,000 tokens, FR at PUE 1.2; FR history 60 g/kWh flat, DE's four hours
 * 400, 100, 300, 200 g/kWh (a mean of 250).
 */
class LedgerWhatIfTest {

    static final InferenceProbeResult PROBE = new InferenceProbeResult("char-lstm", 1, 500, 0.2, 32, 100, 0.02, 0.5,
            0.0004, EnergyMethod.MEASURED_NVML, "GPU-0", "cuda");
    static final InferenceAssumptions SPEC = new InferenceAssumptions(1000, 365, 1000, "FR", 1.2);

    private final Database db = TestDatabases.h2();
    // Embodied 1,000 kg over 1,460 days, half the node reserved.
    private final Ledger ledger = new Ledger(db, new HandMadeSignals().hourly("DE", T0, 400, 100, 300, 200)
            .hourly("FR", NOW.minus(Duration.ofHours(48)), LedgerAccountingTest.flat(48, 60)),
            Clock.fixed(NOW, ZoneOffset.UTC), new LedgerSettings(1000, Duration.ofDays(1460), 0.5,
                    LedgerSettings.DEFAULT_DEPLOYMENT_INTENSITY_WINDOW, Map.of()));

    @AfterEach
    void close() {
        db.close();
    }

    private LedgerEntry trained() {
        return ledger.recordJob(LedgerAccountingTest.job(List.of(LedgerAccountingTest.ranOneThirtyToTwoThirty()), SPEC,
                PROBE));
    }

    private static WhatIfQuestion ask(Double perDay, Integer tokens, String preset) {
        return new WhatIfQuestion("job-1", perDay, null, tokens, null, null, null, null, preset);
    }

    @Test
    void recordJob_sciPer1000Requests_takesEAndMOnTheSameTokenBasis() {
        SciScore perThousand = trained().content().sci().get(1);

        // E: 0.5 J x 1,000 tokens x 1,000 requests x 1.2 = 600,000 J = 0.16667 kWh; x 60 g = 10 g.
        assertThat(perThousand.energyKwh()).isCloseTo(600_000 / 3.6e6, within(1e-12));
        // M: 0.4 ms x 1,000 tokens = 0.4 s a request, 400 s for 1,000: 1e6 g x 400 / (1,460 x 86,400) x 0.5 =
        // 1.5855 g (the short probe request's 0.2 s gave half, and finding 4's 35x at 6,988 tokens).
        double m = 1e6 * 400 / (1460 * 86400.0) * 0.5;
        assertThat(perThousand.embodiedG()).isCloseTo(m, within(1e-9));
        assertThat(perThousand.sciG()).isCloseTo(10 + m, within(1e-9));
        assertThat(perThousand.method()).contains("over node time 0.0004000 s/token x 1000 tokens");
    }

    @Test
    void whatIf_reasoningAnswersAt50000ADay_eatTheSavingWithinTheFirstDay() {
        trained();

        WhatIfAnswer a = ledger.whatIf(ask(50_000.0, null, "reasoning-length"));

        // Published 4,625 J x 1.2 = 5,550 J = 1.54167e-3 kWh x 60 g = 0.0925 g a request.
        assertThat(a.inference().joulesPerResponse()).isEqualTo(4625.0);
        assertThat(a.inference().gPerRequest()).isCloseTo(0.0925, within(1e-12));
        // 264 g / 0.0925 g = 2,854.05 requests = 0.05708 days at 50,000 a day.
        assertThat(a.inference().breakEvenRequests()).isCloseTo(264 / 0.0925, within(1e-6));
        assertThat(a.inference().breakEvenDays()).isCloseTo(264 / 0.0925 / 50_000, within(1e-12));
        // 50,000 x 365 = 18.25 M requests x 0.0925 g = 1,688,125 g, 6,394x the saving.
        assertThat(a.inference().lifetimeG()).isCloseTo(1_688_125.0, within(1e-3));
        assertThat(a.inference().ratioToTrainingSaving()).isCloseTo(1_688_125.0 / 264, within(1e-6));
        assertThat(a.verdict()).startsWith("Yes: answers of 6,988 tokens (4,625 J each) at 50,000 requests a day");
        assertThat(a.training().avoidedG()).isCloseTo(264.0, within(1e-9));
        assertThat(a.deployment().basis()).contains("requests/day asked").contains("lifetime from the spec");
        // This model's own probe at the same length: 0.5 J x 6,988 = 3,494 J, side by side.
        assertThat(a.sideBySide().get(0).energyBasis()).startsWith("this model's probe on its node: 0.5000 J/token (measured (NVML), GPU-0)");
        assertThat(a.sideBySide().get(0).joulesPerResponse()).isCloseTo(3494.0, within(1e-9));
        assertThat(a.sideBySide()).extracting(WhatIfAnswer.Inference::label)
                .containsExactly("this model", "chat-length", "deepseek-r1-1000-words");
    }

    @Test
    void whatIf_ownProbeAtAskedTokens_pricesJoulesPerTokenTimesTokens() {
        trained();

        WhatIfAnswer a = ledger.whatIf(ask(50_000.0, 6988, null));

        // 0.5 x 6,988 = 3,494 J x 1.2 = 4,192.8 J = 1.16467e-3 kWh x 60 = 0.069880 g; 264 / 0.06988 requests.
        assertThat(a.inference().gPerRequest()).isCloseTo(3494 * 1.2 / 3.6e6 * 60, within(1e-12));
        assertThat(a.inference().breakEvenRequests()).isCloseTo(264 / (3494 * 1.2 / 3.6e6 * 60), within(1e-6));
        // SCI per 1,000: E 3,494 J x 1,000 x 1.2 = 1.16467 kWh x 60 = 69.88 g; M over 0.4 ms x 6,988 x 1,000 s.
        double m = 1e6 * (0.0004 * 6988 * 1000) / (1460 * 86400.0) * 0.5;
        assertThat(a.sciPer1000Requests().sciG()).isCloseTo(69.88 + m, within(1e-9));
        assertThat(a.notes()).anyMatch(n -> n.contains("priced linearly in tokens"));
    }

    @Test
    void whatIf_wordsWithStatedTokensPerWord_andAnotherZone() {
        trained();

        WhatIfAnswer a = ledger.whatIf(new WhatIfQuestion("job-1", 1000.0, 30, null, 1000, 1.5, "DE", 1.1, null));

        // 1,000 words x 1.5 = 1,500 tokens x 0.5 J = 750 J x 1.1 = 825 J = 2.2917e-4 kWh x 250 g (DE's mean of
        // 400, 100, 300, 200) = 0.057292 g; 30,000 requests = 1,718.75 g.
        assertThat(a.inference().length()).startsWith("1,000 words x 1.50 tokens/word (as stated) = 1,500 tokens");
        assertThat(a.deployment().intensityGPerKwh()).isCloseTo(250.0, within(1e-9));
        assertThat(a.inference().gPerRequest()).isCloseTo(825 / 3.6e6 * 250, within(1e-12));
        assertThat(a.inference().lifetimeG()).isCloseTo(30_000 * 825 / 3.6e6 * 250, within(1e-9));
        assertThat(a.deployment().pueKnown()).isTrue();
    }

    @Test
    void whatIf_noPueAnywhere_flagsTheDeploymentPueAsUnknown() {
        ledger.recordJob(LedgerAccountingTest.job(List.of(LedgerAccountingTest.ranOneThirtyToTwoThirty()),
                new InferenceAssumptions(1000, 365, 1000, "FR", null), PROBE));

        WhatIfAnswer a = ledger.whatIf(ask(null, null, null));

        assertThat(a.deployment().pueKnown()).isFalse();
        assertThat(a.notes()).anyMatch(n -> n.startsWith("PUE of the deployment is unknown"));
    }

    @Test
    void whatIfQuestion_badInput_namesTheField() {
        assertThatThrownBy(() -> new WhatIfQuestion("job-1", null, null, 10, 10, null, null, null, null))
                .hasMessageStartingWith("tokens and words:");
        assertThatThrownBy(() -> ask(-1.0, null, null)).hasMessageStartingWith("requestsPerDay: -1.0");
        assertThatThrownBy(() -> ask(null, null, "longest"))
                .hasMessage("preset: 'longest' is not one of chat-length, reasoning-length, deepseek-r1-1000-words");
        assertThatThrownBy(() -> ledger.whatIf(ask(null, null, null))).hasMessage("job: no finished job job-1 in the ledger");
    }
}
