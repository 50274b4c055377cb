package io.faceflow.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faceflow.index.IndexException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console, served by an embedded Javalin: live alerts, the gallery, unknown people,
 * search, and the models, behind the sign-in that {@link ConsoleSettings} asks for. Start it with
 * {@link #start}; {@link #close()} stops the server and the alert feed (not the services, which
 * belong to the caller).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final Duration SESSION_IDLE_LIMIT = Duration.ofHours(8);

    /** The status line's figures. */
    record StatusView(boolean following, List<AlertFeed.CameraAlerts> cameras, List<StreamStatus.Processor> processors) {}

    record SessionView(String user, String csrfToken, boolean loginRequired) {}

    record ErrorView(String error) {}

    private final Javalin app;
    private final AlertFeed feed;
    private final URI uri;

    private ConsoleServer(Javalin app, AlertFeed feed, URI uri) {
        this.app = app;
        this.feed = feed;
        this.uri = uri;
    }

    /** Serves the console on {@code settings.host():settings.port()} until closed. */
    public static ConsoleServer start(ConsoleSettings settings, ConsoleServices services) {
        ObjectMapper json = new ObjectMapper();
        AlertFeed feed = new AlertFeed(settings.kafka(), json);
        try {
            Javalin app = Javalin.create(config -> configure(config, settings, services, feed, json))
                    .start(settings.host(), settings.port());
            URI uri = URI.create("http://" + hostForUri(settings.host()) + ":" + app.port() + "/");
            LOG.info("faceflow console on {} ({})", uri, settings.loginRequired()
                    ? "sign-in with the configured admin password" : "no sign-in: loopback only");
            return new ConsoleServer(app, feed, uri);
        } catch (RuntimeException e) {
            feed.close();
            throw new IllegalStateException("cannot serve the console on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage() + " (is the port in use? pick another one)", e);
        }
    }

    private static void configure(JavalinConfig config, ConsoleSettings settings,
            ConsoleServices services, AlertFeed feed, ObjectMapper json) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jsonMapper(new JavalinJackson(json, false));
        // Jetty's own limits sit above the console's, so an oversized photo gets the console's message.
        config.jetty.multipartConfig.maxFileSize(settings.maxUploadBytes() * 2, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE,
                settings.maxUploadBytes() * 2), SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(settings.maxUploadBytes() * (ConsoleSettings.MAX_PHOTOS + 1),
                SizeUnit.BYTES);
        AccessGuard guard = new AccessGuard(settings, new Sessions(SESSION_IDLE_LIMIT, Clock.systemUTC()));
        Assets assets = new Assets();
        GalleryRoutes gallery = new GalleryRoutes(services, settings, feed);
        SearchRoutes search = new SearchRoutes(services, settings);
        ModelRoutes models = new ModelRoutes(services, settings);
        CorrectionRoutes corrections = new CorrectionRoutes(services, feed, Clock.systemUTC());
        UnknownRoutes unknowns = new UnknownRoutes(services);
        StreamStatus status = new StreamStatus(settings.metrics());
        var routes = config.routes;
        routes.before(guard::before);
        routes.get("/", ctx -> assets.serve(ctx, "index.html"));
        routes.get("/login", ctx -> assets.serve(ctx, "login.html"));
        routes.get("/assets/{file}", ctx -> assets.serve(ctx, ctx.pathParam("file")));
        routes.post("/api/login", ctx -> login(ctx, settings, guard));
        routes.post("/api/logout", ctx -> {
            guard.close(ctx);
            ctx.status(204);
        });
        routes.get("/api/session", ctx -> {
            Sessions.Session s = AccessGuard.session(ctx);
            ctx.json(new SessionView(s.user(), s.csrfToken(), settings.loginRequired()));
        });
        routes.sse("/api/alerts", feed::subscribe);
        routes.post("/api/alerts/{alertId}/not", corrections::notThisPerson);
        routes.get("/api/status", ctx -> ctx.json(new StatusView(feed.following(), feed.cameras(), status.read())));
        routes.get("/api/people", gallery::people);
        routes.post("/api/people", gallery::enrol);
        routes.get("/api/people/{id}/crops/{template}", gallery::crop);
        routes.get("/api/people/{id}/photo", gallery::photo);
        routes.post("/api/people/{id}/name", gallery::rename);
        routes.delete("/api/people/{id}", gallery::forget);
        routes.post("/api/identify", search::identify);
        routes.post("/api/sightings", search::sightings);
        routes.get("/api/unknowns", unknowns::list);
        routes.get("/api/unknowns/{id}/shots/{shot}", unknowns::shot);
        routes.post("/api/unknowns/{id}/name", unknowns::name);
        routes.post("/api/unknowns/{id}/merge", unknowns::merge);
        routes.post("/api/unknowns/{id}/ignore", unknowns::ignore);
        routes.post("/api/unknowns/{id}/sightings", unknowns::sightings);
        routes.get("/api/models", models::models);
        routes.post("/api/models/rollback", models::rollback);
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        routes.exception(IndexException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> tooLargeOrFailure(ctx, e, settings));
    }

    private static void login(Context ctx, ConsoleSettings settings, AccessGuard guard) {
        if (!settings.loginRequired()) {
            ctx.json(Map.of("user", AccessGuard.LOCAL_USER));
            return;
        }
        String given = ctx.formParam("password");
        char[] password = given == null ? new char[0] : given.toCharArray();
        try {
            if (!settings.password().matches(password)) {
                Audit.record("-", ctx.ip(), "sign-in-refused", "");
                throw new UnauthorizedResponse("wrong password");
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        Sessions.Session session = guard.open(ctx, "admin");
        Audit.record(session.user(), ctx.ip(), "sign-in", "");
        ctx.json(new SessionView(session.user(), session.csrfToken(), true));
    }

    /**
     * Jetty refuses a multipart body over its own limits ("max file size exceeded", "max request
     * size exceeded") deep inside a servlet exception: that is the sender's mistake, said plainly.
     */
    private static void tooLargeOrFailure(Context ctx, Exception e, ConsoleSettings settings) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("size exceeded")) {
                error(ctx, 413, "the upload is too large: photos up to " + settings.maxUploadBytes() / 1024
                        + " KB each, at most " + ConsoleSettings.MAX_PHOTOS + " at once; nothing was changed");
                return;
            }
        }
        LOG.error("console request {} {} failed: {}", ctx.method(), ctx.path(), e.toString(), e);
        error(ctx, 500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(new ErrorView(message));
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Where the console is served, e.g. http://127.0.0.1:8080/. */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        feed.close();
        app.stop();
    }
}
