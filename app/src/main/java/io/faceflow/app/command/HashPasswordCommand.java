package io.faceflow.app.command;

import io.faceflow.console.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Read the console's admin password (asked twice on the terminal, or one line on stdin) and print",
            "its PBKDF2-HMAC-SHA256 hash for --password-hash or FACEFLOW_CONSOLE_PASSWORD_HASH: configure the hash,",
            "never the password."})
public final class HashPasswordCommand implements Callable<Integer> {
    @Option(names = "--iterations", defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations (default: ${DEFAULT-VALUE}); sign-in takes that much work per try.")
    int iterations;

    @Option(names = "--stdin", description = "Read the password as one line on stdin instead of asking on the terminal.")
    boolean stdin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        char[] password = read();
        try {
            spec.commandLine().getOut().println(PasswordHash.of(password, iterations).encoded());
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] read() throws IOException {
        Console terminal = System.console();
        if (!stdin) {
            if (terminal == null) {
                throw new IllegalArgumentException("no terminal to ask the password on: pipe it with --stdin");
            }
            char[] first = terminal.readPassword("console password: ");
            char[] again = terminal.readPassword("again: ");
            if (first == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the two passwords differ: nothing was hashed");
            }
            Arrays.fill(again, '\0');
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalArgumentException("no password on stdin: pipe one line");
        }
        return line.toCharArray();
    }
}
