package io.greenwindow.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.greenwindow.grid.ForecastJson;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.GridModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.Instant;

/**
 * The grid's HTTP routes: greenwindow's own ({@code /api/forecast}, {@code /api/adapters}) and the Carbon Aware
 * SDK WebAPI shape ({@code /emissions/...}, {@code /locations}, {@code /health}, {@code /api/v1/swagger.yaml}).
 * Errors answer the SDK's {@code ValidationProblemDetails} with greenwindow's {@code "error"} sentence, 4xx/5xx.
 */
public final class GridApi {

    /** Forecast length when {@code hours} is not given. */
    public static final int DEFAULT_HOURS = 24;
    /** The longest forecast any adapter gives (Electricity Maps' 72 h). */
    public static final int MAX_HOURS = 72;

    private GridApi() {
    }

    public static void register(RoutesConfig routes, GridModule grid) {
        CarbonAwareRoutes sdk = new CarbonAwareRoutes(grid);
        routes.get("/api/forecast", guarded(ctx -> forecast(ctx, grid)));
        routes.get("/api/adapters", guarded(ctx -> adapters(ctx, grid)));
        routes.get("/emissions/forecasts/current", guarded(sdk::currentForecast));
        routes.get("/emissions/bylocations", guarded(sdk::byLocations));
        routes.get("/emissions/bylocation", guarded(sdk::byLocations));
        routes.get("/emissions/bylocations/best", guarded(sdk::bestByLocations));
        routes.get("/emissions/average-carbon-intensity", guarded(sdk::averageIntensity));
        routes.post("/emissions/forecasts/batch", guarded(sdk::batchForecasts));
        routes.post("/emissions/average-carbon-intensity/batch", guarded(sdk::averageIntensityBatch));
        routes.get("/locations", guarded(sdk::locations));
        routes.get("/health", guarded(CarbonAwareRoutes::health));
        routes.get("/api/v1/swagger.yaml", guarded(CarbonAwareRoutes::swagger));
    }

    /** GET /api/forecast?zone=Z[&hours=N]: the same JSON as {@code greenwindow forecast --json}. */
    private static void forecast(Context ctx, GridModule grid) {
        String zone = ctx.queryParam("zone");
        if (zone == null || zone.isBlank()) {
            throw new CarbonAwareProblem(400, "zone is required (one of " + String.join(", ", grid.zones()) + ")");
        }
        if (!grid.zones().contains(zone)) {
            throw new CarbonAwareProblem(404, "zone '" + zone + "' is not served by any enabled grid adapter (known: "
                    + String.join(", ", grid.zones()) + ")");
        }
        int hours = CarbonAwareRoutes.intParam(ctx, "hours", DEFAULT_HOURS);
        if (hours < 1 || hours > MAX_HOURS) {
            throw new CarbonAwareProblem(400, "hours " + hours + " must be between 1 and " + MAX_HOURS);
        }
        Instant now = grid.clock().instant();
        ForecastResult result = grid.signals().forecast(zone, now, now.plus(Duration.ofHours(hours)));
        if (result instanceof ForecastResult.Unavailable u) {
            throw new CarbonAwareProblem(503, "No forecast for " + zone + ": " + u.reason());
        }
        ForecastResult.Forecast f = (ForecastResult.Forecast) result;
        CarbonAwareRoutes.json(ctx, ForecastJson.of(f.signal(), f.fallbacks()));
    }

    /** GET /api/adapters: every adapter with its health; never a credential. */
    private static void adapters(Context ctx, GridModule grid) {
        ArrayNode body = ForecastJson.MAPPER.createArrayNode();
        grid.adapters().forEach(s -> body.add(ForecastJson.of(s)));
        CarbonAwareRoutes.json(ctx, body);
    }

    private static Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Exception e) {
                ErrorResponses.respond(ctx, e);
            }
        };
    }
}
