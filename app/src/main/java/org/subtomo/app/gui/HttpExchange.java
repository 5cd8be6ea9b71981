package org.subtomo.app.gui;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request and response of the GUI's API, independent of the HTTP server underneath (tests call the API directly). */
public final class HttpExchange {
    private HttpExchange() {}

    public record Request(String method, String path, Map<String, String> query, String body) {
        public String param(String name) { return query.get(name); }
    }

    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        public static Response json(Object value) { return json(200, value); }

        public static Response json(int status, Object value) {
            return new Response(status, "application/json; charset=utf-8", Json.write(value).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }

        /** An error as JSON: {"error": message}; the message is shown with textContent, never as HTML. */
        public static Response error(int status, String message) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", message);
            return json(status, m);
        }

        public static Response bytes(String contentType, byte[] body) { return new Response(200, contentType, body, new LinkedHashMap<>()); }

        public Response header(String name, String value) { headers.put(name, value); return this; }

        public String text() { return new String(body, StandardCharsets.UTF_8); }
    }
}
