package org.subtomo.app.pipeline;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The content of a RELION 3.1 {@code default_pipeline.star}: the job counter, the processes (name
 * {@code Class2D/job005/}, alias {@code Class2D/run1/} or None, type code, status code), the nodes
 * (files with a type code) and the edges from input nodes to processes and from processes to output
 * nodes. Codes RELION has and we do not use (e.g. motion correction) are kept as read.
 */
public final class PipelineState {
    public record Process(String name, String alias, int type, JobStatus status) {
        public Process withStatus(JobStatus s) { return new Process(name, alias, type, s); }
        /** The alias without its trailing slash, or null. */
        public String aliasOrNull() { return alias == null || alias.equals("None") ? null : alias; }
    }
    public record Node(String name, int type) {}
    /** An input edge (node → process) or an output edge (process → node). */
    public record Edge(String node, String process) {}

    public int jobCounter = 1;
    public final List<Process> processes = new ArrayList<>();
    public final List<Node> nodes = new ArrayList<>();
    public final List<Edge> inputEdges = new ArrayList<>();
    public final List<Edge> outputEdges = new ArrayList<>();

    static final String GENERAL = "pipeline_general", PROCESSES = "pipeline_processes", NODES = "pipeline_nodes",
            INPUT_EDGES = "pipeline_input_edges", OUTPUT_EDGES = "pipeline_output_edges";

    public Optional<Process> process(String nameOrAlias) {
        String n = nameOrAlias.endsWith("/") ? nameOrAlias : nameOrAlias + "/";
        return processes.stream().filter(p -> p.name.equals(n) || n.equals(p.alias)).findFirst();
    }

    public void replace(Process p) {
        for (int i = 0; i < processes.size(); i++)
            if (processes.get(i).name.equals(p.name)) { processes.set(i, p); return; }
        processes.add(p);
    }

    /** The process that wrote {@code node}, if any. */
    public Optional<Process> producer(String node) {
        return outputEdges.stream().filter(e -> e.node.equals(node)).findFirst().flatMap(e -> process(e.process));
    }

    public void addNode(String name, NodeType type) {
        if (nodes.stream().noneMatch(n -> n.name.equals(name))) nodes.add(new Node(name, type.code));
    }

    /** Removes a process, its edges, and the nodes only it wrote and nobody else uses. */
    public void remove(String processName) {
        processes.removeIf(p -> p.name.equals(processName));
        List<String> outputs = outputEdges.stream().filter(e -> e.process.equals(processName)).map(Edge::node).toList();
        outputEdges.removeIf(e -> e.process.equals(processName));
        inputEdges.removeIf(e -> e.process.equals(processName));
        for (String o : outputs)
            if (inputEdges.stream().noneMatch(e -> e.node.equals(o))) nodes.removeIf(n -> n.name.equals(o));
        pruneInputOnlyNodes();
    }

    private void pruneInputOnlyNodes() {
        nodes.removeIf(n -> inputEdges.stream().noneMatch(e -> e.node.equals(n.name))
                && outputEdges.stream().noneMatch(e -> e.node.equals(n.name)));
    }

    // ---- STAR

    public static PipelineState read(Path file) throws IOException {
        StarFile f = StarReader.read(file);
        PipelineState s = new PipelineState();
        String where = file.toString();
        if (f.find(GENERAL).isEmpty())
            throw InputException.inFile(file, "no data_" + GENERAL + " block: not a RELION 3.1 pipeline file (create one with 'subtomo jobs --init')");
        s.jobCounter = f.table(GENERAL).getInt(0, "rlnPipeLineJobCounter");
        if (f.find(PROCESSES).isPresent()) {
            StarTable t = f.table(PROCESSES);
            for (int r = 0; r < t.rowCount(); r++)
                s.processes.add(new Process(t.get(r, "rlnPipeLineProcessName"), t.get(r, "rlnPipeLineProcessAlias"),
                        t.getInt(r, "rlnPipeLineProcessType"),
                        JobStatus.of(t.getInt(r, "rlnPipeLineProcessStatus"), where + " line " + t.lineOf(r, 0))));
        }
        if (f.find(NODES).isPresent()) {
            StarTable t = f.table(NODES);
            for (int r = 0; r < t.rowCount(); r++) s.nodes.add(new Node(t.get(r, "rlnPipeLineNodeName"), t.getInt(r, "rlnPipeLineNodeType")));
        }
        if (f.find(INPUT_EDGES).isPresent()) {
            StarTable t = f.table(INPUT_EDGES);
            for (int r = 0; r < t.rowCount(); r++) s.inputEdges.add(new Edge(t.get(r, "rlnPipeLineEdgeFromNode"), t.get(r, "rlnPipeLineEdgeProcess")));
        }
        if (f.find(OUTPUT_EDGES).isPresent()) {
            StarTable t = f.table(OUTPUT_EDGES);
            for (int r = 0; r < t.rowCount(); r++) s.outputEdges.add(new Edge(t.get(r, "rlnPipeLineEdgeToNode"), t.get(r, "rlnPipeLineEdgeProcess")));
        }
        return s;
    }

    /** RELION's layout: empty tables are left out, as RELION does. */
    public String toStar() {
        StarFile f = new StarFile();
        StarTable g = StarTable.pairs();
        g.put("rlnPipeLineJobCounter", Integer.toString(jobCounter));
        f.add(GENERAL, g);
        if (!processes.isEmpty()) {
            StarTable t = StarTable.loop("rlnPipeLineProcessName", "rlnPipeLineProcessAlias", "rlnPipeLineProcessType", "rlnPipeLineProcessStatus");
            for (Process p : processes) t.addRow(p.name, p.alias == null ? "None" : p.alias, Integer.toString(p.type), Integer.toString(p.status.code));
            f.add(PROCESSES, t);
        }
        if (!nodes.isEmpty()) {
            StarTable t = StarTable.loop("rlnPipeLineNodeName", "rlnPipeLineNodeType");
            for (Node n : nodes) t.addRow(n.name, Integer.toString(n.type));
            f.add(NODES, t);
        }
        if (!inputEdges.isEmpty()) {
            StarTable t = StarTable.loop("rlnPipeLineEdgeFromNode", "rlnPipeLineEdgeProcess");
            for (Edge e : inputEdges) t.addRow(e.node, e.process);
            f.add(INPUT_EDGES, t);
        }
        if (!outputEdges.isEmpty()) {
            StarTable t = StarTable.loop("rlnPipeLineEdgeProcess", "rlnPipeLineEdgeToNode");
            for (Edge e : outputEdges) t.addRow(e.process, e.node);
            f.add(OUTPUT_EDGES, t);
        }
        return StarWriter.toText(f);
    }
}
