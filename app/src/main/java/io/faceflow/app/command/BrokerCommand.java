package io.faceflow.app.command;

import io.faceflow.app.broker.BrokerProcess;
import io.faceflow.app.broker.LocalBroker;
import io.faceflow.app.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run a single-node Kafka broker on this machine (Kafka's own KRaft server, broker and",
            "controller in one process, on 127.0.0.1) until Ctrl-C. Its data stays in --data for the next run.",
            "For trying faceflow on one machine; production uses a real cluster (see the README's Deploy section)."})
public final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "Broker data (default: ~/.faceflow/broker).")
    Path data;

    @Option(names = "--port", defaultValue = "9092", description = "Client port; the controller takes PORT+1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--parent-pid", hidden = true, paramLabel = "PID",
            description = "Stop when this process is gone (the demo starts the broker as its child).")
    Long parentPid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path folder = data != null ? data : Path.of(System.getProperty("user.home"), ".faceflow", "broker");
        LocalBroker broker;
        try {
            broker = new LocalBroker(folder, port);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("faceflow broker: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        boolean reused = broker.formatted();
        if (parentPid != null) {
            exitWithParent(parentPid);
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            broker.runUntilStopped(() -> {
                out.println(BrokerProcess.READY + broker.bootstrap() + ", data in " + broker.dataDir()
                        + (reused ? " (reused from an earlier run)" : " (new)") + "; Ctrl-C stops it");
                out.flush();
            });
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("faceflow broker: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** System.exit runs the broker's shutdown hook: a clean stop, even when the parent was killed. */
    private static void exitWithParent(long pid) {
        Thread watcher = new Thread(() -> {
            ProcessHandle parent = ProcessHandle.of(pid).orElse(null);
            if (parent != null) {
                parent.onExit().join();
            }
            System.exit(ExitCodes.OK);
        }, "faceflow-broker-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
