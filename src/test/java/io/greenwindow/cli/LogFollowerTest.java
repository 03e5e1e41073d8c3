package io.greenwindow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** `logs --follow` against a scripted service: growing output printed once, whole lines only, then a new segment. */
class LogFollowerTest {

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String logs(int segments, int segment, String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return "{\"segments\":" + segments + ",\"segment\":" + segment + ",\"bytes\":" + bytes
                + ",\"truncated\":false,\"text\":\"" + text.replace("\n", "\\n") + "\"}";
    }

    @Test
    void follow_growingOutputAndASecondSegment_printsEachLineOnce() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            // poll 1: running, "a\nb" (b still being written)
            server.enqueue(json("{\"state\":\"RUNNING\"}"));
            server.enqueue(json(logs(1, 1, "a\nb")));
            // poll 2: running, b finished; a second segment has begun with "c\n"
            server.enqueue(json("{\"state\":\"RUNNING\"}"));
            server.enqueue(json(logs(2, 2, "c\n")));
            server.enqueue(json(logs(2, 1, "a\nbb\n")));
            // poll 3: completed, the second segment grew by "d" with no final newline
            server.enqueue(json("{\"state\":\"COMPLETED\"}"));
            server.enqueue(json(logs(2, 2, "c\nd")));
            server.start();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int[] sleeps = {0};

            new LogFollower(new ServerClient(server.url("/").toString(), "t", Duration.ofSeconds(5)),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(1), d -> sleeps[0]++)
                    .follow("j1");

            // By hand: segment 1 prints "a" at poll 1 and "bb" at poll 2; segment 2 "c" at poll 2, "d" at the end.
            assertThat(bytes.toString(StandardCharsets.UTF_8))
                    .isEqualTo("--- segment 1 ---\na\nbb\n--- segment 2 ---\nc\nd\n");
            assertThat(sleeps[0]).isEqualTo(2);
        }
    }
}
