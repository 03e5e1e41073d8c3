package io.greenwindow.cli;

/** Entry point of the greenwindow command line; subcommands are registered here. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Filled in by the CLI work.
    }
}
