package org.parley.client.shell;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion, as irssi and weechat users expect: the commands at the start of a line, and
 * after them the names this session has met (users from who, presence, messages; groups from the
 * group list and the groups' messages).
 */
final class Names implements Completer {

    private final Set<String> users = new ConcurrentSkipListSet<>();
    private final Set<String> groups = new ConcurrentSkipListSet<>();

    void user(String name) {
        if (name != null && !name.isEmpty() && !"*".equals(name)) {
            if (name.startsWith("#")) {
                groups.add(name);
            } else {
                users.add(name);
            }
        }
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        if (line.wordIndex() == 0) {
            if (word.startsWith("@")) {
                users.forEach(u -> candidates.add(new Candidate("@" + u, u, null, null, null, null, true)));
            } else {
                ShellCommand.NAMES.forEach(c -> candidates.add(new Candidate(c)));
            }
            return;
        }
        if (line.wordIndex() == 1 && "/group".equals(line.words().get(0))) {
            ShellCommand.ACTIONS.forEach(a -> candidates.add(new Candidate(a)));
        }
        users.forEach(u -> candidates.add(new Candidate(u)));
        groups.forEach(g -> candidates.add(new Candidate(g)));
    }
}
