package org.subtomo.app.gui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.cli.SubtomoCommand;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The GUI's server over HTTP: forms, commands, displays, class selection, and every refusal of its security rules. */
class GuiServerTest {
    @TempDir Path project;
    @TempDir Path outside;
    GuiServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach void start() throws Exception {
        GuiFixtures.class2d(project);
        server = new GuiServer(new GuiApi(new ProjectFiles(project), SubtomoCommand::commandLine, new GuiRuns(project)), "127.0.0.1", 0, null).start();
    }

    @AfterEach void stop() throws Exception { server.close(); }

    String base() { return "http://127.0.0.1:" + server.port(); }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> r) { return (Map<String, Object>) Json.parse(r.body()); }

    @Test void pageAndFrontEndAreServedWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("/static/app.js"));
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(200, get("/static/app.js").statusCode());
        assertEquals(404, get("/static/nothing.js").statusCode());
    }

    @Test @SuppressWarnings("unchecked")
    void formsFollowTheWorkflowAndComeFromThePicocliModel() throws Exception {
        Map<String, Object> m = json(get("/api/forms"));
        List<Map<String, Object>> types = (List<Map<String, Object>>) m.get("jobTypes");
        assertEquals(JobForms.WORKFLOW.stream().map(JobForms.JobKind::command).toList(), types.stream().map(t -> t.get("command")).toList());
        Map<String, Object> sim = types.getFirst();
        assertEquals(true, sim.get("available"));
        List<Map<String, Object>> fields = (List<Map<String, Object>>) sim.get("fields");
        Map<String, Object> tomograms = fields.stream().filter(f -> f.get("name").equals("--tomograms")).findFirst().orElseThrow();
        assertEquals("integer", tomograms.get("type"));
        assertEquals("Main", tomograms.get("tab"));
        assertTrue(((String) tomograms.get("help")).contains("Number of tomograms"), tomograms.toString());
        assertFalse(((String) tomograms.get("help")).contains("${DEFAULT-VALUE}"), "defaults are interpolated into the help");
        Map<String, Object> o = fields.stream().filter(f -> f.get("name").equals("--o")).findFirst().orElseThrow();
        assertEquals("I/O", o.get("tab"));
        assertEquals(true, o.get("output"));
        assertEquals(true, o.get("required"));
        assertEquals("Compute", fields.stream().filter(f -> f.get("name").equals("--random_seed")).findFirst().orElseThrow().get("tab"));
        assertEquals("Sampling", fields.stream().filter(f -> f.get("name").equals("--tilt_step")).findFirst().orElseThrow().get("tab"));
        // a command not registered in this build is listed, greyed out
        boolean anyMissing = types.stream().anyMatch(t -> t.get("available").equals(false));
        boolean allRegistered = JobForms.WORKFLOW.stream().allMatch(k -> SubtomoCommand.commandLine().getSubcommands().containsKey(k.command()));
        assertEquals(!allRegistered, anyMissing);
    }

    @Test @SuppressWarnings("unchecked")
    void printCommandGivesTheExactLineAndValidationPointsAtTheField() throws Exception {
        HttpResponse<String> ok = post("/api/command", Map.of("command", "simulate", "values", Map.of("--o", "Sim run", "--tomograms", "1", "--particles", "7")));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("subtomo simulate --o S", json(post("/api/command", Map.of("command", "simulate",
                "values", Map.of("--o", "S", "--tomograms", Integer.toString(org.subtomo.sim.SimulationParameters.defaults().tomograms()))))).get("line"),
                "a value equal to the command's default is left out");
        assertEquals("subtomo simulate --o 'Sim run' --tomograms 1 --particles 7", json(ok).get("line"),
                "defaults left out, spaces quoted");
        HttpResponse<String> bad = post("/api/command", Map.of("command", "simulate", "values", Map.of("--tomograms", "two", "--angpix", "NaN")));
        assertEquals(400, bad.statusCode());
        Map<String, Object> errors = (Map<String, Object>) json(bad).get("errors");
        assertEquals(Map.of("--o", "required", "--tomograms", "'two' is not a whole number", "--angpix", "'NaN' is not a finite number"), errors);
        HttpResponse<String> missing = post("/api/command", Map.of("command", "simulate", "values", Map.of("--o", "S", "--model", "nothing.pdb")));
        assertTrue(((Map<String, Object>) json(missing).get("errors")).get("--model").toString().contains("no such file"), missing.body());
        HttpResponse<String> escape = post("/api/run", Map.of("command", "simulate", "values", Map.of("--o", "../elsewhere")));
        assertEquals(400, escape.statusCode());
        assertTrue(((Map<String, Object>) json(escape).get("errors")).get("--o").toString().contains("outside the project"));
        assertFalse(Files.exists(project.resolve(GuiRuns.DIR)), "nothing was started");
    }

    @Test void filesOutsideTheProjectAreRefused() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(project.resolve("inside.txt"), "inside");
        Files.createSymbolicLink(project.resolve("leak.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(project.resolve("leakdir"), outside);
        Files.createSymbolicLink(project.resolve("alias.txt"), project.resolve("inside.txt"));
        assertEquals("inside", get("/api/file?path=inside.txt").body());
        assertEquals("inside", get("/api/file?path=alias.txt").body(), "links that stay inside are followed");
        String rel = project.relativize(outside.resolve("secret.txt")).toString();
        for (String attempt : List.of(rel, "../" + outside.getFileName() + "/secret.txt", outside.resolve("secret.txt").toString(), "leak.txt",
                "leakdir/secret.txt", "/etc/passwd", "Class2D/../../etc/passwd")) {
            HttpResponse<String> r = get("/api/file?path=" + enc(attempt));
            assertEquals(403, r.statusCode(), attempt + " -> " + r.body());
            assertFalse(r.body().contains("secret\""), attempt);
        }
        // percent-encoded dots arrive decoded in the parameter and are refused the same way
        assertEquals(403, get("/api/file?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd").statusCode());
        assertEquals(403, get("/api/file?path=%2E%2E/" + enc(outside.getFileName().toString()) + "/secret.txt").statusCode());
        assertEquals(403, get("/api/files?dir=..").statusCode());
        assertEquals(403, get("/api/files?dir=leakdir").statusCode());
        assertEquals(403, get("/api/display?path=leak.txt").statusCode());
        // in the URL path itself: never served from outside the front end's own files
        for (String p : List.of("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc%2fpasswd"))
            assertTrue(rawStatus(p) >= 400, p);
        // writes: the class selection refuses a model outside, and writes only next to the model inside
        Files.copy(project.resolve(GuiFixtures.MODEL), outside.resolve("x_model.star"));
        assertEquals(403, post("/api/select-classes", Map.of("model", "leakdir/x_model.star", "classes", List.of(1))).statusCode());
        assertFalse(Files.exists(outside.resolve("x_selected_particles.star")));
    }

    @Test @SuppressWarnings("unchecked")
    void inputFieldsAreOfferedTheProjectsFilesOfTheirKind() throws Exception {
        Files.createDirectories(project.resolve(".subtomo_gui"));
        Files.writeString(project.resolve(".subtomo_gui/hidden.star"), "");
        Files.createDirectories(project.resolve("Trash/Class2D/job009"));
        Files.writeString(project.resolve("Trash/Class2D/job009/old.star"), "");
        Files.createSymbolicLink(project.resolve("Class2D/first"), project.resolve(GuiFixtures.CLASS2D_DIR));
        List<String> stars = (List<String>) json(get("/api/find?ext=.star")).get("files");
        assertEquals(List.of(GuiFixtures.DATA, GuiFixtures.MODEL), stars, "no hidden, trashed or aliased copies");
        assertEquals(List.of(GuiFixtures.CLASS2D_DIR + "/run_it002_classes.mrcs"), json(get("/api/find?ext=.mrc,.mrcs")).get("files"));
    }

    @Test void fileNamesAreEscapedEverywhere() throws Exception {
        // '/' cannot be in a file name: the name is a directory "<script>alert(1)<" holding "script>.mrc"
        String evil = "<script>alert(1)</script>.mrc";
        Files.createDirectories(project.resolve(evil).getParent());
        Files.writeString(project.resolve(evil), "not an MRC");
        HttpResponse<String> r = get("/api/files?dir=" + enc("<script>alert(1)<"));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertFalse(r.body().contains("<script>"), r.body());
        assertTrue(r.body().contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e.mrc"), r.body());
        assertEquals(evil, ((List<?>) json(r).get("entries")).stream().map(e -> ((Map<?, ?>) e).get("path")).filter(evil::equals).findFirst().orElseThrow());
        HttpResponse<String> err = get("/api/display?path=" + enc(evil));
        assertFalse(err.body().contains("<script>"), err.body());
        // a project file is served sandboxed: a browser never runs it as a page of ours
        Files.writeString(project.resolve("x.svg"), "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
        assertTrue(get("/api/file?path=x.svg").headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
    }

    @Test void largeFilesAreNotSentWhole() throws Exception {
        try (var f = new java.io.RandomAccessFile(project.resolve("huge.mrc").toFile(), "rw")) { f.setLength(GuiApi.MAX_FILE_BYTES + 1); }
        HttpResponse<String> r = get("/api/file?path=huge.mrc");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("too large"), r.body());
    }

    @Test void postsMustBeSameOriginJsonAndHostMustBeLoopback() throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/run")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("command=simulate")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, form.statusCode());
        HttpResponse<String> cross = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/run")).header("Content-Type", "application/json")
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, cross.statusCode());
        assertEquals(403, rawStatus("/api/project", "evil.example"), "DNS rebinding: a foreign Host is refused");
        assertEquals(200, rawStatus("/api/project", "localhost:" + server.port()));
    }

    @Test void aTokenIsRequiredBeyondLoopbackAndCheckedOnEveryRequest() throws Exception {
        GuiApi api = new GuiApi(new ProjectFiles(project), SubtomoCommand::commandLine, new GuiRuns(project));
        InputException e = assertThrows(InputException.class, () -> new GuiServer(api, "0.0.0.0", 0, null));
        assertTrue(e.getMessage().contains("--token"));
        String token = "0123456789abcdef";
        try (GuiServer s = new GuiServer(api, "127.0.0.1", 0, token).start()) {
            String b = "http://127.0.0.1:" + s.port();
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(b + "/api/project")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(b + "/api/project")).header(GuiServer.TOKEN_HEADER, "wrong-token-xyz").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(b + "/api/project")).header(GuiServer.TOKEN_HEADER, token).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> open = http.send(HttpRequest.newBuilder(URI.create(b + "/?token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, open.statusCode());
            String cookie = open.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(b + "/api/forms")).header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test @SuppressWarnings("unchecked")
    void classesAreDescribedDrawnAndTheSelectedOnesParticlesWritten() throws Exception {
        Map<String, Object> d = json(get("/api/display?path=" + enc(GuiFixtures.MODEL)));
        assertEquals("classes", d.get("kind"));
        assertEquals(true, d.get("canSelect"));
        List<Map<String, Object>> classes = (List<Map<String, Object>>) d.get("classes");
        assertEquals(4, classes.size());
        assertEquals(8 / 16.0, ((Number) classes.get(2).get("distribution")).doubleValue(), 1e-6);
        // class 3 is a disc of radius 7: its picture has more bright pixels than class 1's (radius 3)
        assertTrue(brightPixels(getBytes("/api/class-image?model=" + enc(GuiFixtures.MODEL) + "&class=3").body())
                > 3 * brightPixels(getBytes("/api/class-image?model=" + enc(GuiFixtures.MODEL) + "&class=1").body()));
        HttpResponse<String> r = post("/api/select-classes", Map.of("model", GuiFixtures.MODEL, "classes", List.of(1, 3)));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> m = json(r);
        assertEquals(GuiFixtures.CLASS2D_DIR + "/run_it002_selected_particles.star", m.get("written"));
        assertEquals(13, ((Number) m.get("kept")).intValue());
        assertEquals(16, ((Number) m.get("total")).intValue());
        StarFile written = StarReader.read(project.resolve((String) m.get("written")));
        assertEquals(1, written.table("optics").rowCount(), "optics kept");
        var parts = written.table("particles");
        assertEquals(13, parts.rowCount());
        for (int i = 0; i < parts.rowCount(); i++) assertTrue(List.of(1, 3).contains(parts.getInt(i, "rlnClassNumber")));
        assertEquals(400, post("/api/select-classes", Map.of("model", GuiFixtures.MODEL, "classes", List.of())).statusCode());
    }

    @Test void volumeSectionsFollowTheSlider() throws Exception {
        GuiFixtures.volume(project.resolve("map.mrc"));
        Map<String, Object> d = json(get("/api/display?path=map.mrc"));
        assertEquals("volume", d.get("kind"));
        assertEquals(10, ((Number) d.get("nz")).intValue());
        BufferedImage s3 = ImageIO.read(new ByteArrayInputStream(getBytes("/api/section?path=map.mrc&z=3").body()));
        assertEquals(16, s3.getWidth());
        assertEquals(12, s3.getHeight());
        assertEquals(400, get("/api/section?path=map.mrc&z=10").statusCode());
        assertEquals(200, getBytes("/api/central?path=map.mrc").statusCode());
    }

    private static int brightPixels(byte[] png) throws Exception {
        BufferedImage im = ImageIO.read(new ByteArrayInputStream(png));
        int n = 0;
        for (int y = 0; y < im.getHeight(); y++) for (int x = 0; x < im.getWidth(); x++) if (im.getRaster().getSample(x, y, 0) > 128) n++;
        return n;
    }

    private int rawStatus(String path) throws Exception { return rawStatus(path, "127.0.0.1:" + server.port()); }

    /** A request written by hand, so that the path and Host go out exactly as given. */
    private int rawStatus(String path, String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream o = s.getOutputStream();
            o.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
