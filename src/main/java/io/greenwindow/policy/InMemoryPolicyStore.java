package io.greenwindow.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Policies held in memory: for the simulator, which replays "what would this policy have done?" without a database. */
public final class InMemoryPolicyStore implements PolicyStore {

    private final Clock clock;
    private final Map<String, List<Policy>> versions = new TreeMap<>();

    public InMemoryPolicyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Policy> current(String name) {
        List<Policy> all = versions.get(name);
        return all == null ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public synchronized List<Policy> currentAll() {
        return versions.values().stream().map(v -> v.get(v.size() - 1)).toList();
    }

    @Override
    public synchronized List<Policy> history(String name) {
        return List.copyOf(versions.getOrDefault(name, List.of()));
    }

    @Override
    public synchronized Policy publish(String name, PolicyRules rules, String author) {
        PolicyStore.checkName(name);
        List<Policy> all = versions.computeIfAbsent(name, n -> new ArrayList<>());
        Policy p = new Policy(name, all.size() + 1, clock.instant(), rules, author);
        all.add(p);
        return p;
    }
}
