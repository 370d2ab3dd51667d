package org.parley.web;

import java.nio.file.Files;
import java.nio.file.Path;
import org.parley.node.Node;

/** A user in a page of the web client, as a person uses it: by its labels, buttons and keys. */
final class WebUser {

    private final Chromium chromium;
    final String page;
    final String address;

    private WebUser(Chromium chromium, String page, String address) {
        this.chromium = chromium;
        this.page = page;
        this.address = address;
    }

    /** Opens {@code node}'s page in a new tab and logs in as {@code name} (registering keys made in the browser). */
    static WebUser register(Chromium chromium, String name, Node node) {
        chromium.call("open", "page", name, "url", node.webUrl() + "/");
        WebUser user = new WebUser(chromium, name, name + "@" + node.name());
        user.logIn(name);
        return user;
    }

    /** Opens {@code node}'s page and logs in with the identity in {@code export}, made by {@code parley identity export}. */
    static WebUser importing(Chromium chromium, String name, Node node, Path export, String passphrase) {
        chromium.call("open", "page", name, "url", node.webUrl() + "/");
        WebUser user = new WebUser(chromium, name, name + "@" + node.name());
        chromium.call("setFiles", "page", name, "selector", "#import-file", "path", export.toString());
        chromium.call("fill", "page", name, "selector", "#import-passphrase", "value", passphrase);
        chromium.call("click", "page", name, "selector", "#import-form button[type=submit]");
        user.awaitLoggedIn();
        return user;
    }

    void logIn(String name) {
        chromium.call("fill", "page", page, "selector", "#login-user", "value", name);
        chromium.call("click", "page", page, "selector", "#login-button");
        awaitLoggedIn();
    }

    void awaitLoggedIn() {
        chromium.call("waitFor", "page", page, "selector", "#me", "text", address);
    }

    /** Makes the group {@code #name} of this user's node in the page; returns its address once its conversation is open. */
    String createGroup(String name) {
        fill("#create-group-name", name);
        click("#create-group-form button[type=submit]");
        String group = "#" + name + address.substring(address.indexOf('@'));
        awaitText("#conversation-title", group);
        return group;
    }

    /** Opens the conversation with a user or group, from the list or by name. */
    void open(String conversation) {
        String inList = "#recipients button[data-conversation=\"" + conversation + "\"]";
        if (conversation.startsWith("#") || conversation.equals("*")) {
            chromium.call("click", "page", page, "selector", inList);
        } else {
            chromium.call("fill", "page", page, "selector", "#open-user", "value", conversation);
            chromium.call("press", "page", page, "selector", "#open-user", "key", "Enter");
        }
        chromium.call("waitFor", "page", page, "selector", "#conversation-title", "text", conversation);
    }

    void send(String text) {
        chromium.call("fill", "page", page, "selector", "#composer-text", "value", text);
        chromium.call("press", "page", page, "selector", "#composer-text", "key", "Enter");
    }

    void awaitMessage(String from, String text) {
        chromium.call("waitFor", "page", page, "selector", "#messages li.message:not(.mine)",
                "text", text);
        String shownFrom = chromium.call("text", "page", page, "selector",
                "#messages li.message:not(.mine):has-text(\"" + text + "\") .from").asText();
        if (!from.equals(shownFrom)) {
            throw new AssertionError("'" + text + "' is shown from " + shownFrom + ", not " + from);
        }
    }

    /** Waits until our message {@code text} is marked {@code status} (accepted, delivered, read). */
    void awaitStatus(String text, String status) {
        chromium.call("waitFor", "page", page, "selector", "#messages li.message.mine:has-text(\"" + text
                + "\") [data-status=\"" + status + "\"]");
    }

    void awaitText(String selector, String text) {
        chromium.call("waitFor", "page", page, "selector", selector, "text", text);
    }

    void click(String selector) {
        chromium.call("click", "page", page, "selector", selector);
    }

    void fill(String selector, String value) {
        chromium.call("fill", "page", page, "selector", selector, "value", value);
    }

    String text(String selector) {
        return chromium.call("text", "page", page, "selector", selector).asText();
    }

    void reload() {
        chromium.call("reload", "page", page);
    }

    /** Closes the page as a person closes the tab (its storage stays, as the browser keeps it). */
    void closePage() {
        chromium.call("goto", "page", page, "url", "about:blank");
    }

    /** Opens {@code node}'s page again, which logs in as the user last logged in here. */
    void reopen(Node node) {
        chromium.call("goto", "page", page, "url", node.webUrl() + "/");
        awaitLoggedIn();
    }

    /**
     * Grants the page desktop notifications, as a person does at the browser's prompt, and keeps the title and
     * body of every notification the page raises from now on where {@link #notifications()} reads them.
     */
    void allowNotifications() {
        chromium.call("grant", "page", page, "permissions", java.util.List.of("notifications"));
        chromium.call("evaluate", "page", page, "script", """
                (() => {
                  const Real = window.Notification;
                  window.raised = [];
                  window.Notification = class extends Real {
                    constructor(title, options) {
                      super(title, options);
                      window.raised.push(`${title}: ${options && options.body}`);
                    }
                  };
                  return Real.permission;
                })()""");
    }

    /** Makes the page hidden, as another tab or window in front of it does. */
    void hide() {
        chromium.call("evaluate", "page", page, "script", """
                (() => {
                  Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
                  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
                  document.dispatchEvent(new Event('visibilitychange'));
                })()""");
    }

    /** The notifications raised since {@link #allowNotifications()}, each "title: body". */
    java.util.List<String> notifications() {
        java.util.List<String> raised = new java.util.ArrayList<>();
        chromium.call("evaluate", "page", page, "script", "window.raised || []").forEach(n -> raised.add(n.asText()));
        return raised;
    }

    void check(String selector, boolean checked) {
        chromium.call("check", "page", page, "selector", selector, "checked", checked);
    }

    void sendFile(Path file) {
        chromium.call("setFiles", "page", page, "selector", "#composer-file", "path", file.toString());
    }

    /** Accepts the file {@code name} that {@code from} offers, once it is offered, and waits until it is whole. */
    void acceptFile(String from, String name) {
        awaitText("#transfers", from + " offers " + name);
        click("#transfers button[aria-label=\"Accept " + name + "\"]");
        awaitText("#transfers", "ready");
    }

    /** Saves the accepted file {@code name} through the browser's download to {@code target}, checking the name it suggests. */
    Path saveFile(String name, Path target) {
        String suggested = download("#transfers button[aria-label=\"Save " + name + "\"]", target);
        if (!name.equals(suggested)) {
            throw new AssertionError("the page saves " + name + " as " + suggested);
        }
        return target;
    }

    /** Clicks {@code selector}, which starts a download, and keeps it at {@code target}. */
    String download(String selector, Path target) {
        return chromium.call("download", "page", page, "selector", selector, "path", target.toString()).asText();
    }

    void viewport(int width, int height) {
        chromium.call("viewport", "page", page, "width", width, "height", height);
    }

    /** Picks the option of value {@code value} in the drop-down {@code selector}. */
    void select(String selector, String value) {
        chromium.call("select", "page", page, "selector", selector, "value", value);
    }

    /** What {@code script} (an expression, awaited if a promise) gives in the page, for what no selector shows. */
    com.fasterxml.jackson.databind.JsonNode evaluate(String script) {
        return chromium.call("evaluate", "page", page, "script", script);
    }

    /** A picture of what the user sees now, for docs/screenshots (see the module's pom). */
    void screenshot(String name) throws java.io.IOException {
        Path folder = Files.createDirectories(Path.of(System.getProperty("parley.screenshots", "target/screenshots")));
        chromium.call("screenshot", "page", page, "path", folder.resolve(name + ".png").toString());
    }
}
