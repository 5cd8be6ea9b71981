package org.subtomo.app.gui;

import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.subtomo.core.error.InputException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The GUI's web server (plain Jetty 12, no servlets). It listens on 127.0.0.1 unless told otherwise, and
 * binding anywhere else requires a token that every request must carry (header X-Subtomo-Token, or the
 * cookie set when the page is opened with ?token=...). On the loopback address it also refuses requests
 * whose Host is not a loopback name (DNS rebinding), and every POST must be JSON from the same origin,
 * which a page of another site cannot send without a CORS preflight we never answer.
 */
public final class GuiServer implements AutoCloseable {
    static final String TOKEN_HEADER = "X-Subtomo-Token", TOKEN_COOKIE = "subtomo_token";
    private static final int MAX_BODY = 1 << 20;
    private static final String PAGE_CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

    private final Server server;
    private final GuiApi api;
    private final String token;
    private final boolean loopback;

    /**
     * @param bind  address to listen on (127.0.0.1 by default)
     * @param port  port, 0 for any free one
     * @param token required when {@code bind} is not a loopback address; null for none
     */
    public GuiServer(GuiApi api, String bind, int port, String token) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        this.api = api;
        this.token = token == null || token.isEmpty() ? null : token;
        this.loopback = isLoopback(bind);
        if (!loopback && this.token == null)
            throw new InputException("--bind " + bind + ": serving beyond this computer needs --token (a secret every request must carry)");
        if (this.token != null && this.token.length() < 12)
            throw new InputException("--token: use at least 12 characters (e.g. the output of 'openssl rand -hex 16')");
        this.server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost(bind);
        c.setPort(port);
        server.addConnector(c);
        server.setHandler(new Handler.Abstract() {
            @Override public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
    }

    static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new InputException("--bind " + bind + ": not an address of this computer");
        }
    }

    public GuiServer start() throws Exception {
        server.start();
        return this;
    }

    public int port() { return ((ServerConnector) server.getConnectors()[0]).getLocalPort(); }

    public void join() throws InterruptedException { server.join(); }

    /** Stops serving; jobs started from the GUI keep running (abort them first to stop them). */
    @Override public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot stop the GUI server: " + e.getMessage(), e);
        }
    }

    private void serve(Request request, Response response, Callback callback) {
        HttpExchange.Response out;
        String setCookie = null;
        try {
            // the body is read before anything is decided: a response to a request whose body is left unread
            // can be lost when Jetty closes the connection under the client
            String body = "";
            if (request.getMethod().equals("POST")) {
                long len = request.getLength();
                if (len > MAX_BODY) throw new InputException("request too large");
                body = Content.Source.asString(request, StandardCharsets.UTF_8);
                if (body.length() > MAX_BODY) throw new InputException("request too large");
            }
            String refusal = refusal(request);
            Fields q = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            if (refusal == null && token != null && !tokenOk(request, q)) refusal = "401 this server needs its token: open the address printed by 'subtomo gui'";
            if (refusal != null) {
                out = HttpExchange.Response.error(Integer.parseInt(refusal.substring(0, 3)), refusal.substring(4));
            } else {
                if (token != null && q.getValue("token") != null)
                    setCookie = TOKEN_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
                Map<String, String> query = new LinkedHashMap<>();
                for (Fields.Field f : q) query.put(f.getName(), f.getValue());
                out = api.handle(new HttpExchange.Request(request.getMethod(), Request.getPathInContext(request), query, body));
            }
        } catch (InputException e) {
            out = HttpExchange.Response.error(400, e.getMessage());
        } catch (Exception e) {
            out = HttpExchange.Response.error(500, "internal error: " + e);
        }
        response.setStatus(out.status());
        var h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, out.contentType());
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        if (!out.headers().containsKey("Content-Security-Policy")) h.put("Content-Security-Policy", PAGE_CSP);
        out.headers().forEach(h::put);
        if (setCookie != null) h.put(HttpHeader.SET_COOKIE, setCookie);
        response.write(true, ByteBuffer.wrap(out.body()), callback);
    }

    /** Why a request is refused ("STATUS reason"), or null. */
    private String refusal(Request request) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST") && !method.equals("HEAD")) return "405 method not allowed";
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (loopback && !loopbackHost(host)) return "403 this server answers only to localhost / 127.0.0.1";
        if (method.equals("POST")) {
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) return "415 POST bodies must be JSON";
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (origin != null && !sameOrigin(origin, host)) return "403 cross-origin request refused";
        }
        return null;
    }

    static boolean loopbackHost(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) h = h.substring(0, h.indexOf(']') + 1);
        else if (h.indexOf(':') >= 0) h = h.substring(0, h.indexOf(':'));
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }

    static boolean sameOrigin(String origin, String host) {
        try {
            URI u = URI.create(origin);
            String hp = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
            return host != null && hp != null && hp.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean tokenOk(Request request, Fields q) {
        if (same(request.getHeaders().get(TOKEN_HEADER))) return true;
        if (same(q.getValue("token"))) return true;
        for (HttpCookie c : Request.getCookies(request)) if (c.getName().equals(TOKEN_COOKIE) && same(c.getValue())) return true;
        return false;
    }

    private boolean same(String given) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
