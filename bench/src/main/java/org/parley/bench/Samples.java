package org.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of several rounds, by name, in the order first seen; warm-up rounds (below 0) do not count. */
final class Samples {

    private final Map<String, List<Long>> byName = new LinkedHashMap<>();

    void add(int round, String name, long value) {
        if (round >= 0) {
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    List<Long> of(String name) {
        return byName.get(name);
    }

    long median(String name) {
        return median(byName.get(name));
    }

    /** Every figure's median, by name. */
    Map<String, Object> medians() {
        Map<String, Object> medians = new LinkedHashMap<>();
        byName.forEach((name, values) -> medians.put(name, median(values)));
        return medians;
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
