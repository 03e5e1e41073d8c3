package io.greenwindow.access;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who asks: the name of the token they presented, its role and, for engineers, their teams. Checked once at the
 * HTTP edge; passed inward only to be recorded (submitter, canceller, policy author, token creator).
 */
public record Actor(String name, Role role, Set<String> teams) {

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        teams = Set.copyOf(teams);
    }

    /** How audit columns record this actor, e.g. {@code alice (engineer)}. */
    public String label() {
        return name + " (" + role.word() + ")";
    }

    /** The teams as one sorted, comma-separated text for messages and storage. */
    public String teamList() {
        return String.join(",", new TreeSet<>(teams));
    }
}
