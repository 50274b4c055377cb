package io.faceflow.app.broker;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts another main class on this JVM's java, flags and classpath, with
 * extra flags after this JVM's (so they win).
 */
final class SameJvm {
    private SameJvm() {}

    static List<String> command(String mainClass, List<String> extraFlags, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger or coverage agent belongs to this process; a second one would clash on its port.
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                command.add(arg);
            }
        }
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
