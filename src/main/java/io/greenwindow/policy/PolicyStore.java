package io.greenwindow.policy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admins' policies, named and versioned. The planner asks for the policy of a job's team: a policy named
 * after the team when there is one, else the one named {@value #DEFAULT_NAME}, else {@link Policy#BUILT_IN}.
 */
public interface PolicyStore {

    String DEFAULT_NAME = "default";

    /** The latest version of the policy called {@code name}. */
    Optional<Policy> current(String name);

    /** The latest version of every policy, by name. */
    List<Policy> currentAll();

    /** Every version of {@code name}, oldest first; empty when unknown. */
    List<Policy> history(String name);

    /** Stores {@code rules} as the next version of {@code name}, by {@code author} (null: unknown), and returns it. */
    Policy publish(String name, PolicyRules rules, String author);

    default Policy publish(String name, PolicyRules rules) {
        return publish(name, rules, null);
    }

    default Policy effectiveFor(String team) {
        if (team != null && !team.isBlank() && NAME.matcher(team).matches()) {
            Optional<Policy> own = current(team);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return current(DEFAULT_NAME).orElse(Policy.BUILT_IN);
    }

    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Policy name '" + name
                    + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
