package org.parley.client.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupList;
import org.parley.protocol.message.GroupNotice;

/**
 * Groups as {@code group} prints them: lines for people, one JSON object per line for scripts.
 */
public final class GroupLines {

    private GroupLines() {
    }

    /** {@code #team@node-a  open  3 member(s)  owner alice@node-a} */
    public static String text(GroupInfo group) {
        return String.format("%s  %s  %d member(s)  owner %s", group.group(), group.open() ? "open" : "invite-only",
                group.members().size(), group.owner());
    }

    public static String json(GroupInfo group) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("group", group.group());
        fields.put("owner", group.owner());
        fields.put("open", group.open());
        fields.put("epoch", group.epoch());
        fields.put("members", group.members().stream().map(m -> member(group, m)).toList());
        return write(fields);
    }

    /** One line per member: name, presence, and who owns it. */
    public static List<String> members(GroupInfo group, boolean json) {
        return group.members().stream().map(m -> json ? write(member(group, m))
                : String.format("%-40s %-8s%s", m.user(), m.status().wireName(),
                        m.user().equals(group.owner()) ? "  owner" : "").stripTrailing()).toList();
    }

    public static String text(GroupList.GroupSummary group) {
        String size = group.owner() == null ? "" : String.format("  %d member(s)  owner %s", group.members(),
                group.owner());
        return String.format("%-32s %-11s%s%s", group.group(), group.owner() == null ? "" : group.open() ? "open"
                : "invite-only", size, group.member() ? "  (member)" : "").stripTrailing();
    }

    public static String json(GroupList.GroupSummary group) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("group", group.group());
        if (group.owner() != null) {
            fields.put("owner", group.owner());
            fields.put("open", group.open());
            fields.put("members", group.members());
        }
        fields.put("member", group.member());
        return write(fields);
    }

    /** {@code bob@node-b joined #team@node-a} */
    public static String text(GroupNotice notice) {
        return switch (notice.event()) {
            case JOINED -> notice.user() + " joined " + notice.group();
            case LEFT -> notice.user() + " left " + notice.group();
            case REMOVED -> notice.by() + " removed " + notice.user() + " from " + notice.group();
            case INVITED -> notice.by() + " invited " + notice.user() + " to " + notice.group();
            case OWNER -> notice.group() + " now belongs to " + notice.user();
        };
    }

    private static Map<String, Object> member(GroupInfo group, GroupInfo.GroupMember member) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user", member.user());
        fields.put("status", member.status().wireName());
        fields.put("owner", member.user().equals(group.owner()));
        return fields;
    }

    private static String write(Map<String, Object> fields) {
        try {
            return WireJson.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
