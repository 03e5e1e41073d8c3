package io.greenwindow.grid.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderHttpTest {

    private final SettableClock clock = SettableClock.at("2026-11-29T13:20:00Z");

    @Test
    void retryAfter_httpDate_isTheTimeUntilThen() {
        ProviderHttp http = http(clock);
        assertThat(http.retryAfter("Sun, 29 Nov 2026 13:20:45 GMT")).isEqualTo(Duration.ofSeconds(45));
        assertThat(http.retryAfter("Sun, 29 Nov 2026 13:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(http.retryAfter("12")).isEqualTo(Duration.ofSeconds(12));
        assertThat(http.retryAfter("soon")).isNull();
    }

    @Test
    void backoff_doublesUpToTheCapAndSpreadsByJitter() {
        List<Duration> ignored = new ArrayList<>();
        HttpSettings middle = ProviderFixtures.settings(ignored);
        assertThat(middle.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(middle.backoff(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(middle.backoff(10)).isEqualTo(Duration.ofSeconds(8));
        HttpSettings low = new HttpSettings(middle.client(), 3, Duration.ofMillis(500), Duration.ofSeconds(8),
                Duration.ofSeconds(30), d -> { }, () -> 0.0, io.greenwindow.grid.store.RequestCounts.none());
        HttpSettings high = new HttpSettings(middle.client(), 3, Duration.ofMillis(500), Duration.ofSeconds(8),
                Duration.ofSeconds(30), d -> { }, () -> 0.999, io.greenwindow.grid.store.RequestCounts.none());
        assertThat(low.backoff(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.backoff(2)).isEqualTo(Duration.ofMillis(1499));
    }

    @Test
    void budget_newPeriod_refills() {
        RequestBudget budget = new RequestBudget(2, Duration.ofDays(1), clock);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
        clock.advance(Duration.ofDays(1));
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.used()).isEqualTo(1);
    }

    private static ProviderHttp http(Clock clock) {
        return new ProviderHttp("p", ProviderFixtures.settings(new ArrayList<>()), null,
                new RequestBudget(-1, Duration.ofDays(30), clock), clock);
    }
}
