package io.greenwindow.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = Redactor.of(List.of("s3cr3t-key-42"));

    @Test
    void redact_theConfiguredSecret_isReplacedWherever() {
        assertThat(redactor.redact("Invalid key s3cr3t-key-42, expected another; was s3cr3t-key-42"))
                .isEqualTo("Invalid key [redacted], expected another; was [redacted]");
    }

    @Test
    void redact_credentialPatterns_keepTheirNamesAndLoseTheirValues() {
        Redactor patterns = Redactor.patterns();
        assertThat(patterns.redact("Authorization: Bearer eyJhbGciOi.J9.x-y_z")).doesNotContain("eyJ").contains("Bearer");
        assertThat(patterns.redact("GET /v3/x?zone=DE&token=abc123&x=1")).isEqualTo("GET /v3/x?zone=DE&token=[redacted]&x=1");
        assertThat(patterns.redact("{\"apiKey\": \"k-999\", \"password\":\"hunter2\"}"))
                .isEqualTo("{\"apiKey\": \"[redacted]\", \"password\":\"[redacted]\"}");
        assertThat(patterns.redact("auth-token=zzz9 Basic dXNlcjpwYXNz")).isEqualTo("auth-token=[redacted] Basic [redacted]");
    }

    @Test
    void redact_ordinaryProviderSentences_areLeftAlone() {
        String s = "forecast for DE refused the credentials (HTTP 401: Invalid auth-token)";
        assertThat(redactor.redact(s)).isEqualTo(s);
        assertThat(redactor.redact("set ELECTRICITYMAPS_TOKEN to use it")).isEqualTo("set ELECTRICITYMAPS_TOKEN to use it");
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void redact_twice_isTheSameAsOnce() {
        String once = redactor.redact("token=s3cr3t-key-42 Bearer abcdef");
        assertThat(redactor.redact(once)).isEqualTo(once);
    }
}
