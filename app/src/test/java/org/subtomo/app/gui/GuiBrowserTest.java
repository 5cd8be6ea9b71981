package org.subtomo.app.gui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.subtomo.app.cli.SubtomoCommand;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GUI in a real browser (Debian's chromium, headless, through chromedriver), on the protocol's path:
 * simulate a tiny project, extract its sub-tomograms and 2D projections, classify them in 2D, all from the
 * forms; watch each job finish; open the classification's display, pick two classes and save their
 * particles; look at a tomogram section by section and at the pipeline graph. A screenshot of each page goes
 * to app/target/gui-screenshots/. Skipped when chromium or chromedriver is not installed.
 */
class GuiBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "gui-screenshots");

    @TempDir Path project;
    @TempDir Path profile;
    GuiServer server;
    GuiApi api;
    WebDriver driver;
    WebDriverWait wait;

    @BeforeEach void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "chromium and chromium-driver are not installed");
        Path evilDir = project.resolve("<script>alert(1)<");
        Files.createDirectories(evilDir);
        Files.writeString(evilDir.resolve("script>.mrc"), "not an MRC");
        api = new GuiApi(new ProjectFiles(project), SubtomoCommand::commandLine, new GuiRuns(project));
        assertTrue(api.pipeline().init(), "a new project gets its default_pipeline.star, as 'subtomo gui' does");
        server = new GuiServer(api, "127.0.0.1", 0, null).start();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1400,1100");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);   // the job list refreshes every second
        Files.createDirectories(SHOTS);
    }

    @AfterEach void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
        if (api != null) api.runs().stopAll();
    }

    static Map<String, String> values(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test void simulateExtractClassifyFromTheFormsThenSelectTwoClasses() throws Exception {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("jobtype-simulate")));
        // job types in workflow order; those not in this build are greyed out
        List<String> order = driver.findElements(By.cssSelector("#jobtypes button")).stream().map(b -> b.getAttribute("id")).toList();
        assertEquals(JobForms.WORKFLOW.stream().map(k -> "jobtype-" + k.command()).toList(), order);
        for (JobForms.JobKind k : JobForms.WORKFLOW)
            assertEquals(SubtomoCommand.commandLine().getSubcommands().containsKey(k.command()),
                    driver.findElement(By.id("jobtype-" + k.command())).isEnabled(), k.command());

        // 1. simulate into the project itself (a command without a job of its own: it shows as a GUI run)
        Map<String, String> sim = values("--o", ".", "--tomograms", "1", "--particles", "8", "--gold", "2", "--ice", "0", "--box", "32",
                "--tomo_xy", "128", "--tomo_z", "40", "--tilt_step", "20", "--thickness", "160");
        fillForm("simulate", sim);
        driver.findElement(By.id("print-button")).click();
        wait.until(d -> d.findElement(By.id("command-line")).getText().startsWith("subtomo simulate"));
        String line = driver.findElement(By.id("command-line")).getText();
        for (var e : sim.entrySet()) assertTrue(line.contains(e.getKey() + " " + e.getValue()), line);
        shot("01-form");
        run("run1", 120);
        assertTrue(Files.isRegularFile(project.resolve("all_tomograms.star")));

        // a mistake is caught before running: the field says why
        fillForm("extract", values("--i", "nothing.star", "--extract_size", "32"));
        driver.findElement(By.id("run-button")).click();
        wait.until(d -> d.findElement(By.cssSelector(".field[data-name='--i'] .problem")).getText().contains("no such file"));

        // 2. extraction and 3. 2D classification, as pipeline jobs
        fillForm("extract", values("--i", "all_tomograms.star", "--coord_suffix", ".coords", "--extract_size", "32",
                "--particle_diameter", "100", "--project3d", "true"));
        run("Extract/job001/", 60);
        fillForm("class2d", values("--i", "Extract/job001/subtomo_proj2d.star", "--K", "3", "--iter", "2", "--fix_prior_iter", "0"));
        run("Class2D/job002/", 90);
        By class2d = jobRow("Class2D/job002/");
        driver.findElement(class2d).findElement(By.className("log-button")).click();
        wait.until(d -> d.findElement(By.id("log-text")).getText().contains("iteration 2/2"));
        shot("02-jobs");

        // its display: the job's outputs; the class averages sorted by distribution; two picked and saved
        driver.findElement(class2d).findElement(By.className("display-button")).click();
        wait.until(d -> d.findElement(By.id("display-path")).getText().equals("Class2D/job002"));
        String model = "Class2D/job002/run_it002_model.star";
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".output-button[data-path='" + model + "']"))).click();
        wait.until(d -> d.findElement(By.id("display-path")).getText().equals(model));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".class-tile")));
        List<WebElement> tiles = driver.findElements(By.cssSelector("#class-gallery .class-tile"));
        assertEquals(3, tiles.size());
        List<Double> shares = new ArrayList<>();
        for (WebElement t : tiles) shares.add(Double.parseDouble(t.getText().replaceAll(".*: ([0-9.]+)%.*", "$1").strip()));
        for (int i = 1; i < shares.size(); i++) assertTrue(shares.get(i - 1) >= shares.get(i), "largest class first: " + shares);
        List<Integer> picked = List.of(Integer.parseInt(tiles.get(0).getAttribute("data-class")), Integer.parseInt(tiles.get(1).getAttribute("data-class")));
        tiles.get(0).click();
        tiles.get(1).click();
        assertEquals("2 classes selected", driver.findElement(By.id("selection-info")).getText());
        driver.findElement(By.id("save-selection")).click();
        wait.until(d -> d.findElement(By.id("selection-result")).getText().startsWith("wrote"));
        // the particles written are exactly those of the data.star in the two classes (counted here independently)
        StarTable all = StarReader.read(project.resolve("Class2D/job002/run_it002_data.star")).table("particles");
        int expected = 0;
        for (int r = 0; r < all.rowCount(); r++) if (picked.contains(all.getInt(r, "rlnClassNumber"))) expected++;
        String saved = "Class2D/job002/run_it002_selected_particles.star";
        StarTable written = StarReader.read(project.resolve(saved)).table("particles");
        assertEquals(expected, written.rowCount());
        String sorted = picked.stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElseThrow();
        assertEquals("wrote " + saved + ": " + expected + " of " + all.rowCount() + " particles (classes " + sorted + ")",
                driver.findElement(By.id("selection-result")).getText());
        waitForImages();
        shot("03-classes");

        // a tomogram, section by section
        driver.findElement(By.id("nav-files")).click();
        openDirectory("Tomograms/tomo01");
        openFile("Tomograms/tomo01/tomo01.mrc");
        WebElement slider = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("z-slider")));
        assertEquals("39", slider.getAttribute("max"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = 10; arguments[0].dispatchEvent(new Event('input'));", slider);
        wait.until(d -> d.findElement(By.id("z-label")).getText().equals("Z = 10 of 39"));
        assertTrue(driver.findElement(By.cssSelector(".section-view img")).getAttribute("src").contains("z=10"));
        waitForImages();
        shot("04-volume");

        // a hostile file name is shown as text, never run
        openDirectory("");
        WebElement evil = wait.until(d -> d.findElements(By.cssSelector("#files .file-entry")).stream()
                .filter(e -> "<script>alert(1)<".equals(e.getAttribute("data-path"))).findFirst().orElse(null));
        assertEquals("<script>alert(1)</", evil.getText());
        evil.click();
        wait.until(d -> d.findElement(By.id("files-dir")).getText().equals("/<script>alert(1)<"));
        assertEquals("script>.mrc", driver.findElement(By.cssSelector("#files .file-entry")).getText());
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        driver.findElement(By.id("display-close")).click();
        shot("05-files");

        // the pipeline graph: extraction feeds the classification
        driver.findElement(By.id("nav-graph")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#graph-svg .graph-node")));
        assertEquals(List.of("Extract/job001/", "Class2D/job002/"),
                driver.findElements(By.cssSelector("#graph-svg .graph-node")).stream().map(e -> e.getAttribute("data-job")).toList());
        assertEquals(1, driver.findElements(By.cssSelector("#graph-svg line")).size());
        shot("06-graph");
    }

    private void fillForm(String command, Map<String, String> values) {
        driver.findElement(By.id("nav-jobs")).click();
        driver.findElement(By.id("jobtype-" + command)).click();
        for (var e : values.entrySet()) setField(e.getKey(), e.getValue());
    }

    /** Presses Run! and waits until the job list shows {@code id} succeeded. */
    private void run(String id, int seconds) {
        driver.findElement(By.id("run-button")).click();
        By row = jobRow(id);
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class).until(d -> {
            String s = d.findElement(row).findElement(By.className("status")).getText();
            if (s.equals("failed")) fail(id + " failed: " + d.findElement(row).getText());
            return s.equals("succeeded");
        });
    }

    private static By jobRow(String id) { return By.cssSelector("#jobs-table tbody tr[data-job='" + id + "']"); }

    private void setField(String name, String value) {
        WebElement input = driver.findElement(By.cssSelector("#job-form [data-field='" + name + "']"));
        String tab = input.findElement(By.xpath("..")).getAttribute("data-tab");
        driver.findElement(By.cssSelector("#tabs button[data-tab='" + tab + "']")).click();
        if ("checkbox".equals(input.getAttribute("type"))) {
            if (input.isSelected() != Boolean.parseBoolean(value)) input.click();
            return;
        }
        input.clear();
        input.sendKeys(value);
    }

    private void openDirectory(String dir) {
        ((JavascriptExecutor) driver).executeScript("listFiles(arguments[0]);", dir);
        wait.until(d -> d.findElement(By.id("files-dir")).getText().equals("/" + dir));
    }

    /** Clicks the entry of the Files page with this project-relative path (a file: its display opens). */
    private void openFile(String path) {
        WebElement e = wait.until(d -> d.findElements(By.cssSelector("#files .file-entry")).stream()
                .filter(x -> path.equals(x.getAttribute("data-path"))).findFirst().orElse(null));
        e.click();
        wait.until(d -> d.findElement(By.id("display-path")).getText().equals(path));
    }

    private void waitForImages() {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return [...document.images].every(i => i.complete && i.naturalWidth > 0 || !i.getAttribute('src'));"));
    }

    private void shot(String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
