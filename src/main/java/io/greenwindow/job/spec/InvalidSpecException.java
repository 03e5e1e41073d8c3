package io.greenwindow.job.spec;

import io.greenwindow.job.GreenwindowException;
import java.util.List;

/** A spec that cannot be accepted; each problem names its field and why ("schedule.deadline: must be after now"). */
public class InvalidSpecException extends GreenwindowException {

    private final List<String> problems;

    public InvalidSpecException(String source, List<String> problems) {
        super("Invalid job spec" + (source == null ? "" : " " + Names.printable(source, true)) + ":\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
