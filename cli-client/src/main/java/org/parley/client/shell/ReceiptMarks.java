package org.parley.client.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.protocol.message.Receipt;

/**
 * The marks the session prints for what the user sent: each names its message (a short quote),
 * and they come in order whatever order the receipts took on the way. A "read" implies
 * "delivered", so a "delivered" after it is not printed, and nothing is marked twice.
 */
final class ReceiptMarks {

    /** Messages remembered for their marks: far more than anyone has in flight. */
    private static final int REMEMBERED = 1000;
    private static final int QUOTE_CHARS = 24;

    private enum Stage { SENT, DELIVERED, READ }

    private record Sent(String quote, Stage stage) {
    }

    private final Map<String, Sent> sent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Message {@code id} left with {@code text}. */
    synchronized void sent(String id, String text) {
        sent.put(id, new Sent(quote(text), Stage.SENT));
    }

    /** The line for {@code receipt}, or null if there is nothing new to say. */
    synchronized String line(Receipt receipt) {
        Sent one = sent.get(receipt.id());
        String quote = one == null ? "" : " \"" + one.quote() + "\"";
        return switch (receipt.status()) {
            case DELIVERED -> {
                if (one != null && one.stage() != Stage.SENT) {
                    yield null;
                }
                remember(receipt.id(), one, Stage.DELIVERED);
                yield "  \u2713\u2713 delivered to " + receipt.to() + ":" + quote;
            }
            case READ -> {
                if (one != null && one.stage() == Stage.READ) {
                    yield null;
                }
                remember(receipt.id(), one, Stage.READ);
                yield "  \u2713\u2713 read by " + receipt.to() + ":" + quote;
            }
            case EXPIRED -> "! your message to " + receipt.to() + quote + " waited too long and was dropped";
            case STORED -> "  stored: " + receipt.to() + quote;
        };
    }

    private void remember(String id, Sent one, Stage stage) {
        if (one != null) {
            sent.put(id, new Sent(one.quote(), stage));
        }
    }

    static String quote(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= QUOTE_CHARS ? flat : flat.substring(0, QUOTE_CHARS - 1).strip() + "\u2026";
    }
}
