package io.greenwindow.cli;

import picocli.CommandLine.Option;

/** The {@code --server URL} option of every command that talks to the service (a picocli mixin). */
final class ServerOption {

    @Option(names = "--server", paramLabel = "URL",
            description = "The service's URL (default $GREENWINDOW_SERVER or " + ServerClient.DEFAULT_SERVER + ")")
    String url;

    ServerClient client() {
        return new ServerClient(url);
    }

    /** A client whose requests each wait at most {@code timeout} for their answer. */
    ServerClient client(java.time.Duration timeout) {
        return new ServerClient(url, timeout);
    }
}
