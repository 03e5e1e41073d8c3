package io.greenwindow.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What is known about an issued token, never its secret: who it speaks for, who made it and when, when it
 * expires (null: never) and, once revoked, when and by whom.
 */
public record TokenInfo(String name, Role role, Set<String> teams, String createdBy, Instant createdAt,
        Instant expiresAt, Instant revokedAt, String revokedBy) {

    public TokenInfo {
        TokenName.check("name", name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        teams = Set.copyOf(teams);
        teams.forEach(t -> TokenName.check("team", t));
        if (role == Role.ENGINEER && teams.isEmpty()) {
            throw new IllegalArgumentException("team: an engineer's token needs at least one team (--team T)");
        }
        if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expires: " + expiresAt + " is not after the creation time " + createdAt);
        }
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public Actor actor() {
        return new Actor(name, role, teams);
    }
}
