package io.faceflow.console;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Set;

/**
 * Runs before every request: security headers; who the browser is (its session cookie); sign-in
 * when a password is configured; and, for every change (POST, PUT, PATCH, DELETE), a same-origin
 * check plus the session's CSRF token in the {@value #CSRF_HEADER} header. Without a password
 * (loopback only) each browser still gets a session and a CSRF token, so a page of another site
 * open in the same browser cannot make changes through 127.0.0.1 either.
 */
final class AccessGuard {
    static final String SESSION_COOKIE = "faceflow_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String LOCAL_USER = "local";
    private static final String SESSION_ATTRIBUTE = "faceflow.session";
    /** Reachable without a session: the sign-in page and what it needs. */
    private static final Set<String> PUBLIC_PATHS = Set.of("/login", "/api/login", "/assets/console.css",
            "/assets/login.js");
    private static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private final ConsoleSettings settings;
    private final Sessions sessions;

    AccessGuard(ConsoleSettings settings, Sessions sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    void before(Context ctx) {
        secureHeaders(ctx);
        boolean change = CHANGES.contains(ctx.method());
        if (change) {
            requireSameOrigin(ctx);
        }
        Sessions.Session session = sessions.find(ctx.cookie(SESSION_COOKIE)).orElse(null);
        if (session == null && !settings.loginRequired()) {
            session = open(ctx, LOCAL_USER);
        }
        if (PUBLIC_PATHS.contains(ctx.path())) {
            return;
        }
        if (session == null) {
            if (ctx.path().startsWith("/api/")) {
                throw new UnauthorizedResponse("sign in first");
            }
            ctx.redirect("/login");
            ctx.skipRemainingHandlers();
            return;
        }
        if (change && !sameToken(session.csrfToken(), ctx.header(CSRF_HEADER))) {
            throw new ForbiddenResponse("the request has no valid CSRF token: reload the console page");
        }
        ctx.attribute(SESSION_ATTRIBUTE, session);
    }

    /** Starts a session for {@code user}, replacing any the browser had (no session fixation). */
    Sessions.Session open(Context ctx, String user) {
        sessions.close(ctx.cookie(SESSION_COOKIE));
        Sessions.Session session = sessions.open(user);
        Cookie cookie = new Cookie(SESSION_COOKIE, session.id());
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setSecure("https".equals(ctx.scheme()));
        ctx.cookie(cookie);
        ctx.attribute(SESSION_ATTRIBUTE, session);
        return session;
    }

    void close(Context ctx) {
        sessions.close(ctx.cookie(SESSION_COOKIE));
        ctx.removeCookie(SESSION_COOKIE, "/");
    }

    /** The session of a request that passed {@link #before}. */
    static Sessions.Session session(Context ctx) {
        return ctx.attribute(SESSION_ATTRIBUTE);
    }

    /**
     * Browsers send Origin on every cross-origin request and on same-origin POSTs, and
     * Sec-Fetch-Site on all of them: either naming another site refuses the change.
     */
    private static void requireSameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ForbiddenResponse("cross-site request refused (Sec-Fetch-Site: " + site + ")");
        }
        String own = ctx.scheme() + "://" + ctx.host();
        for (String origin : Collections.list(ctx.req().getHeaders("Origin"))) {
            if (!origin.equals(own)) {
                throw new ForbiddenResponse("cross-site request refused: origin " + origin + " is not this console");
            }
        }
    }

    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every page shows biometric data: nothing is cached, framed, or loaded from elsewhere, and no
     * referrer leaves. Face images come inline as data: URIs or from this console.
     */
    private static void secureHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self';"
                + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }
}
