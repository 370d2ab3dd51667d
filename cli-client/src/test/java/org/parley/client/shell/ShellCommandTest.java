package org.parley.client.shell;

import org.parley.protocol.message.GroupAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShellCommandTest {

    @Test
    void msgTakesARecipientAndTheRestOfTheLine() {
        assertEquals(new ShellCommand.Message("bob@node-b", "hello  there"), ShellCommand.parse("/msg bob@node-b hello  there"));
    }

    @Test
    void groupActionsTakeTheirGroupAndUser() {
        assertEquals(new ShellCommand.Group(GroupAction.CREATE, "#team", null, false), ShellCommand.parse("/group create team"));
        assertEquals(new ShellCommand.Group(GroupAction.CREATE, "#board", null, true),
                ShellCommand.parse("/group create #board invite-only"));
        assertEquals(new ShellCommand.Group(GroupAction.JOIN, "#team@node-a", null, false),
                ShellCommand.parse("/group join #team@node-a"));
        assertEquals(new ShellCommand.Group(GroupAction.KICK, "#team@node-a", "bob@node-b", false),
                ShellCommand.parse("/g kick #team@node-a bob@node-b"));
        assertEquals(new ShellCommand.Groups(), ShellCommand.parse("/group list"));
        assertEquals(new ShellCommand.Message("#team@node-a", "hi all"), ShellCommand.parse("/msg #team@node-a hi all"));
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("/group invite #team@node-a"));
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("/group create team open-ish"));
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("/group dance"));
    }

    @Test
    void videoCommandsTakeTheWatchOptionsOfParleyWatch() {
        assertEquals(new ShellCommand.Videos(null), ShellCommand.parse("/videos"));
        assertEquals(new ShellCommand.Videos("node-b"), ShellCommand.parse("/videos node-b"));
        ShellCommand.Watch watch = assertInstanceOf(ShellCommand.Watch.class,
                ShellCommand.parse("/watch lecture@node-b  --mixed --start 1:02:03 --out x.ts"));
        assertEquals(new org.parley.client.video.WatchRequest("lecture@node-b", null, true, 3_723_000L),
                watch.request());
        assertInstanceOf(ShellCommand.Watches.class, ShellCommand.parse("/watch"));
        assertEquals(new ShellCommand.Unwatch("2"), ShellCommand.parse("/unwatch 2"));
        assertEquals(new ShellCommand.Invalid("usage: /unwatch N|NAME (/watch lists them)"),
                ShellCommand.parse("/unwatch"));
        ShellCommand.Invalid both = assertInstanceOf(ShellCommand.Invalid.class,
                ShellCommand.parse("/watch lecture@node-b --mixed --resolution 480p"));
        assertTrue(both.reason().startsWith("/watch: --resolution and --mixed do not go together"), both.reason());
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("/watch lecture@node-b --fast"));
    }

    @Test
    void voiceJoinsLeavesAndAsksWho() {
        assertEquals(new ShellCommand.Voice(new VoiceLine.Join("#team@node-a", java.nio.file.Path.of("in.wav"),
                java.nio.file.Path.of("out.wav"), 30, false)), ShellCommand.parse(
                "/voice join #team@node-a --in in.wav --out out.wav --seconds 30 --no-noise-suppression"));
        assertEquals(new ShellCommand.Voice(new VoiceLine.Join("bob@node-b", null, null, null, true)),
                ShellCommand.parse("/voice join bob@node-b"));
        assertEquals(new ShellCommand.Voice(new VoiceLine.Leave()), ShellCommand.parse("/voice leave"));
        assertEquals(new ShellCommand.Voice(new VoiceLine.Who(null)), ShellCommand.parse("/voice who"));
        assertEquals(new ShellCommand.Voice(new VoiceLine.Who("#team@node-a")), ShellCommand.parse("/voice who #team@node-a"));
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("/voice"));
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("/voice join"));
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("/voice join bob --seconds soon"));
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("/voice join bob --loud"));
    }

    @Test
    void allTakesTheWholeText() {
        assertEquals(new ShellCommand.Broadcast("hi all"), ShellCommand.parse("/all hi all"));
    }

    @Test
    void plainTextIsAReply() {
        assertEquals(new ShellCommand.Reply("just text"), ShellCommand.parse("  just text "));
    }

    @Test
    void simpleCommands() {
        assertEquals(new ShellCommand.Who(null), ShellCommand.parse("/who"));
        assertEquals(new ShellCommand.Who("bob@node-b"), ShellCommand.parse("/who bob@node-b"));
        assertInstanceOf(ShellCommand.Help.class, ShellCommand.parse("/HELP"));
        assertInstanceOf(ShellCommand.Quit.class, ShellCommand.parse("/quit"));
        assertInstanceOf(ShellCommand.Empty.class, ShellCommand.parse("   "));
    }

    @Test
    void fileCommandsTakeARecipientAPathWithSpacesAndANumber() {
        assertEquals(new ShellCommand.SendFile("#team@node-a", "my notes/week 1.pdf"),
                ShellCommand.parse("/file #team@node-a my notes/week 1.pdf"));
        assertEquals(new ShellCommand.Accept("2"), ShellCommand.parse("/accept 2"));
        assertEquals(new ShellCommand.Accept("all"), ShellCommand.parse("/accept all"));
        assertEquals(new ShellCommand.Decline("1"), ShellCommand.parse("/decline 1"));
        assertInstanceOf(ShellCommand.Files.class, ShellCommand.parse("/files"));
        assertEquals(new ShellCommand.Invalid("usage: /file TO PATH"), ShellCommand.parse("/file bob"));
        assertEquals(new ShellCommand.Invalid("usage: /decline N"), ShellCommand.parse("/decline"));
    }

    @Test
    void mistakesSayWhatIsExpected() {
        assertEquals(new ShellCommand.Invalid("usage: /msg USER TEXT"), ShellCommand.parse("/msg bob"));
        assertEquals(new ShellCommand.Invalid("usage: /all TEXT"), ShellCommand.parse("/all"));
        assertEquals(new ShellCommand.Invalid("unknown command /dance; /help lists them"), ShellCommand.parse("/dance now"));
    }

    @Test
    void historyTakesAUserAndAnOptionalCount() {
        assertEquals(new ShellCommand.History("bob", 20), ShellCommand.parse("/history bob"));
        assertEquals(new ShellCommand.History("bob@node-b", 5), ShellCommand.parse("/history bob@node-b 5"));
        assertEquals(new ShellCommand.Invalid("/history: N must be a number, not 'lots'"),
                ShellCommand.parse("/history bob lots"));
        assertEquals(new ShellCommand.Invalid("usage: /history USER [N]"), ShellCommand.parse("/history"));
    }

    @Test
    void theShortcutsOfTheClassChat() {
        assertEquals(new ShellCommand.Message("bob", "hello there"), ShellCommand.parse("@bob hello there"));
        assertEquals(new ShellCommand.Message("#team", "hello all"), ShellCommand.parse("/group team hello all"));
        assertEquals(new ShellCommand.Message("#team@node-a", "hi"), ShellCommand.parse("/group #team@node-a hi"));
        assertEquals(new ShellCommand.ReplyToSender("on my way"), ShellCommand.parse("/r on my way"));
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("@bob"));
        assertInstanceOf(ShellCommand.Invalid.class, ShellCommand.parse("/r"));
    }

    @Test
    void aLineOverTheLimitIsRefusedSayingWhy() {
        ShellCommand command = ShellCommand.parse("/msg bob " + "x".repeat(ShellCommand.MAX_LINE_CHARS));
        assertInstanceOf(ShellCommand.Invalid.class, command);
        assertTrue(((ShellCommand.Invalid) command).reason().contains("nothing was sent"));
    }
}
