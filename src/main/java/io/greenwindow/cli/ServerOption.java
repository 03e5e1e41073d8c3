package io.greenwindow.cli;

import picocli.CommandLine.Option;

/** The {@code --server URL} and {@code --token T} options of every command that talks to the service (a picocli mixin). */
final class ServerOption {

    @Option(names = "--server", paramLabel = "URL",
            description = "The service's URL (default $GREENWINDOW_SERVER or " + ServerClient.DEFAULT_SERVER + ")")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The bearer token to send (default $GREENWINDOW_TOKEN, else ./data/admin-token when it exists)")
    String token;

    ServerClient client() {
        return new ServerClient(url, token);
    }

    /** A client whose requests each wait at most {@code timeout} for their answer. */
    ServerClient client(java.time.Duration timeout) {
        return new ServerClient(url, token, timeout); // the token too: without it --token was ignored by submit
    }
}
