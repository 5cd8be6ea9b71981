package org.subtomo.app.cli;

import org.subtomo.app.gui.GuiApi;
import org.subtomo.app.gui.GuiRuns;
import org.subtomo.app.gui.GuiServer;
import org.subtomo.app.gui.ProjectFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code subtomo gui}: the browser GUI of a project (job types, jobs, displays), served on this computer. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Serve the browser GUI of a project: job types in workflow order with their parameters, 'Print command',",
                "'Run!', the job list with progress and logs, the pipeline graph, and displays (class averages, maps, plots)."})
public final class GuiCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "port (${DEFAULT-VALUE}; 0 = any free port)") int port;
    @Option(names = "--project_dir", paramLabel = "DIR", defaultValue = ".", description = "project directory (${DEFAULT-VALUE})") Path project;
    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address to listen on (${DEFAULT-VALUE}); any other than loopback needs --token") String bind;
    @Option(names = "--token", paramLabel = "T", description = "secret every request must carry (open the printed address once)") String token;

    @Override public Integer call() throws Exception {
        ProjectFiles files = new ProjectFiles(project);
        GuiApi api = new GuiApi(files, SubtomoCommand::commandLine, new GuiRuns(files.root()));
        if (api.pipeline().init())
            System.out.println("subtomo gui: created " + files.root().resolve("default_pipeline.star") + ": stages now run as jobs (Type/jobNNN/)");
        try (GuiServer server = new GuiServer(api, bind, port, token).start()) {
            String host = bind.contains(":") ? "[" + bind + "]" : bind;
            System.out.println("subtomo gui: project " + files.root());
            System.out.println("open http://" + host + ":" + server.port() + "/" + (token != null ? "?token=" + token : ""));
            System.out.println("(Ctrl-C stops the server; jobs started from it keep running, as in RELION)");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long n = api.runs().running();
                if (n > 0) System.out.println("subtomo gui: " + n + " job(s) started here are still running; their logs are in the project");
            }));
            server.join();
        }
        return 0;
    }
}
