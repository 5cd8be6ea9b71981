package org.subtomo.app.gui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
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
import org.subtomo.app.pipeline.JobStatus;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.NodeType;
import org.subtomo.app.pipeline.Pipeline;
import org.subtomo.app.pipeline.PipelineState;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GUI in a real browser (Debian's chromium, headless, through chromedriver): run a tiny simulation from
 * its form, watch it finish, open displays, pick two classes and save their particles; a screenshot of each
 * page goes to app/target/gui-screenshots/. Skipped when chromium or chromedriver is not installed.
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
        GuiFixtures.class2d(project);
        Pipeline.init(project).update(st -> {
            st.processes.add(new PipelineState.Process(GuiFixtures.CLASS2D_DIR + "/", "Class2D/first/", JobType.CLASS2D.relionType, JobStatus.SUCCEEDED));
            st.processes.add(new PipelineState.Process("Select/job002/", "None", JobType.SELECT.relionType, JobStatus.FAILED));
            st.addNode(GuiFixtures.MODEL, NodeType.MODEL);
            st.addNode(GuiFixtures.DATA, NodeType.PARTICLES);
            st.outputEdges.add(new PipelineState.Edge(GuiFixtures.MODEL, GuiFixtures.CLASS2D_DIR + "/"));
            st.outputEdges.add(new PipelineState.Edge(GuiFixtures.DATA, GuiFixtures.CLASS2D_DIR + "/"));
            st.inputEdges.add(new PipelineState.Edge(GuiFixtures.DATA, "Select/job002/"));
            st.jobCounter = 3;
            return null;
        });
        Path evilDir = project.resolve("<script>alert(1)<");
        Files.createDirectories(evilDir);
        Files.writeString(evilDir.resolve("script>.mrc"), "not an MRC");
        api = new GuiApi(new ProjectFiles(project), SubtomoCommand::commandLine, new GuiRuns(project));
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

    @AfterEach void stop() throws Exception {
        if (driver != null) driver.quit();
        if (server != null) server.close();
        if (api != null) api.runs().stopAll();
    }

    @Test void runATinyJobDisplayItAndSaveTwoSelectedClasses() throws Exception {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("jobtype-simulate")));
        // job types in workflow order; those not in this build are greyed out
        List<String> order = driver.findElements(By.cssSelector("#jobtypes button")).stream().map(b -> b.getAttribute("id")).toList();
        assertEquals(JobForms.WORKFLOW.stream().map(k -> "jobtype-" + k.command()).toList(), order);
        for (JobForms.JobKind k : JobForms.WORKFLOW)
            assertEquals(SubtomoCommand.commandLine().getSubcommands().containsKey(k.command()),
                    driver.findElement(By.id("jobtype-" + k.command())).isEnabled(), k.command());

        driver.findElement(By.id("jobtype-simulate")).click();
        for (var e : GuiRunsTest.TINY.entrySet()) setField(e.getKey(), e.getValue());
        driver.findElement(By.id("print-button")).click();
        wait.until(d -> d.findElement(By.id("command-line")).getText().startsWith("subtomo simulate"));
        String line = driver.findElement(By.id("command-line")).getText();
        for (var e : GuiRunsTest.TINY.entrySet()) assertTrue(line.contains(e.getKey() + " " + e.getValue()), line);
        shot("01-form");

        driver.findElement(By.id("run-button")).click();
        By row = By.cssSelector("#jobs-table tbody tr[data-job='run1']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        new WebDriverWait(driver, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class).until(d -> {
            String s = d.findElement(row).findElement(By.className("status")).getText();
            assertNotEquals("failed", s);
            return s.equals("succeeded");
        });
        assertTrue(Files.isRegularFile(project.resolve("Sim/all_tomograms.star")));
        driver.findElement(row).findElement(By.className("log-button")).click();
        wait.until(d -> d.findElement(By.id("log-text")).getText().contains("simulated 1 tomograms"));
        shot("02-jobs");

        // its display: the output directory, then a tomogram with the Z slider
        driver.findElement(row).findElement(By.className("display-button")).click();
        wait.until(d -> d.findElement(By.id("display-path")).getText().equals("Sim"));
        driver.findElement(By.id("nav-files")).click();
        openFile("Sim");
        openFile("Sim/Tomograms");
        String tomoDir = wait.until(d -> d.findElements(By.cssSelector("#files .file-entry")).stream()
                .map(e -> e.getAttribute("data-path")).filter(p -> p.startsWith("Sim/Tomograms/")).findFirst().orElse(null));
        openFile(tomoDir);
        String tomogram = tomoDir + "/" + Path.of(tomoDir).getFileName() + ".mrc";
        openFile(tomogram);
        WebElement slider = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("z-slider")));
        assertEquals("47", slider.getAttribute("max"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].value = 10; arguments[0].dispatchEvent(new Event('input'));", slider);
        wait.until(d -> d.findElement(By.id("z-label")).getText().equals("Z = 10 of 47"));
        assertTrue(driver.findElement(By.cssSelector(".section-view img")).getAttribute("src").contains("z=10"));
        waitForImages();
        shot("03-volume");

        // a hostile file name is shown as text, never run
        driver.findElement(By.id("nav-files")).click();
        openDirectory("");
        WebElement evil = wait.until(d -> d.findElements(By.cssSelector("#files .file-entry")).stream()
                .filter(e -> "<script>alert(1)<".equals(e.getAttribute("data-path"))).findFirst().orElse(null));
        assertEquals("<script>alert(1)</", evil.getText());
        evil.click();
        wait.until(d -> d.findElement(By.id("files-dir")).getText().equals("/<script>alert(1)<"));
        assertEquals("script>.mrc", driver.findElement(By.cssSelector("#files .file-entry")).getText());
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        shot("04-files");

        // class averages of the 2D classification job: its display lists its outputs; sorted by distribution,
        // two picked, their particles saved
        driver.findElement(By.id("nav-jobs")).click();
        By class2d = By.cssSelector("#jobs-table tbody tr[data-job='" + GuiFixtures.CLASS2D_DIR + "/']");
        wait.until(ExpectedConditions.presenceOfElementLocated(class2d));
        assertEquals("succeeded", driver.findElement(class2d).findElement(By.className("status")).getText());
        driver.findElement(class2d).findElement(By.className("display-button")).click();
        wait.until(d -> d.findElement(By.id("display-path")).getText().equals(GuiFixtures.CLASS2D_DIR));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".output-button[data-path='" + GuiFixtures.MODEL + "']"))).click();
        wait.until(d -> d.findElement(By.id("display-path")).getText().equals(GuiFixtures.MODEL));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".class-tile")));
        List<String> byDistribution = driver.findElements(By.cssSelector("#class-gallery .class-tile")).stream().map(e -> e.getAttribute("data-class")).toList();
        assertEquals(List.of("3", "1", "2", "4"), byDistribution, "largest class first (8, 5, 2, 1 particles)");
        driver.findElement(By.cssSelector(".class-tile[data-class='1']")).click();
        driver.findElement(By.cssSelector(".class-tile[data-class='3']")).click();
        assertEquals("2 classes selected", driver.findElement(By.id("selection-info")).getText());
        driver.findElement(By.id("save-selection")).click();
        wait.until(d -> d.findElement(By.id("selection-result")).getText().startsWith("wrote"));
        assertEquals("wrote " + GuiFixtures.CLASS2D_DIR + "/run_it002_selected_particles.star: 13 of 16 particles (classes 1, 3)",
                driver.findElement(By.id("selection-result")).getText());
        assertTrue(Files.isRegularFile(project.resolve(GuiFixtures.CLASS2D_DIR + "/run_it002_selected_particles.star")));
        waitForImages();
        shot("05-classes");

        driver.findElement(By.id("display-close")).click();
        driver.findElement(By.id("nav-graph")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#graph-svg .graph-node")));
        assertEquals(2, driver.findElements(By.cssSelector("#graph-svg .graph-node")).size());
        assertEquals(1, driver.findElements(By.cssSelector("#graph-svg line")).size(), "Class2D/job001 -> Select/job002");
        shot("06-graph");
    }

    private void setField(String name, String value) {
        WebElement input = driver.findElement(By.cssSelector("#job-form [data-field='" + name + "']"));
        String tab = input.findElement(By.xpath("..")).getAttribute("data-tab");
        driver.findElement(By.cssSelector("#tabs button[data-tab='" + tab + "']")).click();
        input.clear();
        input.sendKeys(value);
    }

    private void openDirectory(String dir) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("listFiles(arguments[0]);", dir);
        wait.until(d -> d.findElement(By.id("files-dir")).getText().equals("/" + dir));
    }

    /** Clicks the entry of the Files page with this project-relative path (a directory opens, a file displays). */
    private void openFile(String path) {
        WebElement e = wait.until(d -> d.findElements(By.cssSelector("#files .file-entry")).stream()
                .filter(x -> path.equals(x.getAttribute("data-path"))).findFirst().orElse(null));
        e.click();
        if (!path.contains(".")) wait.until(d -> d.findElement(By.id("files-dir")).getText().equals("/" + path));
        else wait.until(d -> d.findElement(By.id("display-path")).getText().equals(path));
    }

    private void waitForImages() {
        wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return [...document.images].every(i => i.complete && i.naturalWidth > 0 || !i.getAttribute('src'));"));
    }

    private void shot(String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    static Map<String, String> tiny() { return GuiRunsTest.TINY; }
}
