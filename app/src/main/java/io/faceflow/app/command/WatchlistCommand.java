package io.faceflow.app.command;

import picocli.CommandLine.Command;

@Command(name = "watchlist", mixinStandardHelpOptions = true,
        description = {"Watchlists: named groups of enrolled people. Alerts name the watchlists of the person they",
            "are about, can go to one topic per watchlist, and a camera can alert for some watchlists only."},
        subcommands = {WatchlistChangeCommand.Add.class, WatchlistChangeCommand.Remove.class,
            WatchlistListCommand.class})
public final class WatchlistCommand {}
