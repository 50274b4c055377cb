package io.faceflow.app.cli;

import picocli.CommandLine.Option;

/** Where models run, declared once for every command that runs one. */
public final class DeviceOption {
    @Option(names = "--device", paramLabel = "DEV",
            description = "auto, cpu, gpu or gpu:N (default: auto: a GPU when one is visible).")
    String device;

    /** The device asked for; auto when none was. */
    public String device() {
        return device == null ? "auto" : device;
    }

    /** The device given on the command line; null when none was (a settings file decides then). */
    public String given() {
        return device;
    }
}
