package org.parley.node.voice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.parley.protocol.message.Spelled;

/** What a user asks of a voice room's home on another node. */
enum VoiceAction implements Spelled {
    JOIN("join"),
    LEAVE("leave"),
    WHO("who");

    private final String word;

    VoiceAction(String word) {
        this.word = word;
    }

    @JsonValue
    @Override
    public String word() {
        return word;
    }

    @JsonCreator
    static VoiceAction of(String word) {
        return Spelled.find(values(), word);
    }
}
