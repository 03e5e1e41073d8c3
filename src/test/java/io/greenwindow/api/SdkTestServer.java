package io.greenwindow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.GridModule;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.grid.store.JdbcSignalStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The grid routes on a real Javalin server over a replay adapter of a hand-made trace, so that every expected
 * figure can be worked out by hand. Zone XA's trace is hourly from 2026-11-29T00:00Z for 48 hours and repeats
 * from its start (so any date has a value): 400 g/kWh except the hours listed in {@link #SPECIAL}. The clock
 * stands at 2026-11-29T13:20Z; the replayed forecast (no noise) reaches 24 hours from 13:00.
 */
final class SdkTestServer implements AutoCloseable {

    static final Instant TRACE_START = Instant.parse("2026-11-29T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-29T13:20:00Z");
    /** Hours (from TRACE_START) whose value is not 400. */
    static final Map<Integer, Double> SPECIAL = Map.of(8, 150.0, 10, 150.0, 14, 100.0, 15, 300.0, 16, 100.0, 17, 200.0);
    static final ObjectMapper JSON = new ObjectMapper();

    final SettableClock clock = SettableClock.at(NOW.toString());
    final Database db;
    final GridModule grid;
    final Javalin app;
    private final Path dir;
    private final OkHttpClient http = new OkHttpClient();

    SdkTestServer() throws IOException {
        dir = Files.createTempDirectory("sdk-adapters");
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int h = 0; h < 48; h++) {
            csv.append(TRACE_START.plus(Duration.ofHours(h))).append(',').append(value(h)).append('\n');
        }
        Files.writeString(dir.resolve("xa.csv"), csv.toString());
        Files.writeString(dir.resolve("xb.csv"), csv.toString());
        Files.writeString(dir.resolve("test.yaml"), """
                name: test
                kind: replay
                zones:
                  XA: xa.csv
                  XB: xb.csv
                options:
                  horizon: PT24H
                  noise: 0
                """);
        db = TestDatabases.h2();
        grid = GridModule.create(db, clock, dir, Map.of());
        app = Javalin.create(config -> GridApi.register(config.routes, grid)).start(0);
    }

    static double value(int hour) {
        return SPECIAL.getOrDefault(Math.floorMod(hour, 48), 400.0);
    }

    /** Stores a forecast of XA by adapter "test", generated (and fetched) at {@code generatedAt}, of hourly values. */
    void storeForecast(Instant generatedAt, Instant first, double... values) {
        List<SignalPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(SignalPoint.of(first.plus(Duration.ofHours(i)), values[i]));
        }
        new JdbcSignalStore(db).recordForecast(new Signal("XA", "test", SignalKind.AVERAGE, EmissionScope.LIFECYCLE,
                Duration.ofHours(1), generatedAt, points), generatedAt);
    }

    record Reply(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    Reply get(String path) throws IOException {
        return call(new Request.Builder().url(url(path)).build());
    }

    /** GET with query parameters encoded as a client would (repeat a name for several values). */
    Reply get(String path, String... namesAndValues) throws IOException {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            q.append(q.length() == 0 ? "?" : "&").append(enc(namesAndValues[i])).append('=').append(enc(namesAndValues[i + 1]));
        }
        return get(path + q);
    }

    Reply post(String path, Object body) throws IOException {
        RequestBody b = RequestBody.create(JSON.writeValueAsString(body), MediaType.get("application/json"));
        return call(new Request.Builder().url(url(path)).post(b).build());
    }

    private String url(String path) {
        return "http://localhost:" + app.port() + path;
    }

    private Reply call(Request request) throws IOException {
        try (Response r = http.newCall(request).execute()) {
            return new Reply(r.code(), r.header("Content-Type", ""), r.body() == null ? "" : r.body().string());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        app.stop();
        grid.close();
        db.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
