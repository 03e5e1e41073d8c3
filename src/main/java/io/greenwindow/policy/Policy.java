package io.greenwindow.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a named policy. Versions are never changed: an admin's change makes the next one.
 * {@code author} names the token that published it (null: unknown, e.g. from before tokens, or built in).
 */
public record Policy(String name, int version, Instant createdAt, PolicyRules rules, String author) {

    /** The policy in force when the store holds none: {@link PolicyRules#DEFAULT}, version 0. */
    public static final Policy BUILT_IN = new Policy(PolicyStore.DEFAULT_NAME, 0, Instant.EPOCH, PolicyRules.DEFAULT);

    public Policy {
        PolicyStore.checkName(name);
        if (version < 0) {
            throw new IllegalArgumentException("Version " + version + " of policy " + name + " must be >= 0");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(rules, "rules");
    }

    public Policy(String name, int version, Instant createdAt, PolicyRules rules) {
        this(name, version, createdAt, rules, null);
    }

    /** How a plan names the policy that decided it, e.g. {@code default@3}. */
    public String label() {
        return name + "@" + version;
    }
}
