package io.greenwindow.server;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs named steps one after the other; a step that fails is logged and the next one still runs. */
final class IsolatedSteps {

    private static final Logger LOG = LoggerFactory.getLogger(IsolatedSteps.class);

    private IsolatedSteps() {
    }

    record Step(String name, Runnable work) {
    }

    /** @return how many steps failed */
    static int run(String pass, List<Step> steps) {
        int failed = 0;
        for (Step step : steps) {
            try {
                step.work().run();
            } catch (RuntimeException e) {
                failed++;
                LOG.error("{}: {} failed: {}", pass, step.name(), e.getMessage(), e);
            }
        }
        return failed;
    }
}
