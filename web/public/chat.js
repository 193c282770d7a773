// Mounts the rasa-webchat widget into #chat and adds what the widget lacks for
// keyboard and screen-reader users. config.js (written by ops/web_page.py) says on which
// port of this same host the Rasa server listens.
(function () {
  "use strict";

  // rasa-webchat keeps the conversation (session id + messages) under this key.
  var WIDGET_STORAGE_KEY = "chat_session";

  var chat = document.getElementById("chat");

  function rasaSocketUrl(config) {
    return window.location.protocol + "//" + window.location.hostname + ":" + config.rasaPort;
  }

  function setMissing(element, name, value) {
    if (!element.hasAttribute(name)) {
      element.setAttribute(name, value);
    }
  }

  // The widget renders its input, send button and quick replies without names or
  // roles, and quick replies as plain <div>s that a keyboard cannot reach.
  function labelWidget() {
    chat.querySelectorAll(".rw-messages-container").forEach(function (log) {
      setMissing(log, "role", "log");
      setMissing(log, "aria-live", "polite");
      setMissing(log, "aria-label", "Conversation with the patient assistant");
      setMissing(log, "tabindex", "0");
    });
    chat.querySelectorAll("textarea.rw-new-message").forEach(function (input) {
      setMissing(input, "aria-label", "Your question");
    });
    chat.querySelectorAll("button.rw-send").forEach(function (button) {
      setMissing(button, "aria-label", "Send");
    });
    chat.querySelectorAll("div.rw-reply").forEach(function (reply) {
      setMissing(reply, "role", "button");
      setMissing(reply, "tabindex", "0");
    });
  }

  function focusInput() {
    var input = chat.querySelector("textarea.rw-new-message");
    if (input) {
      input.focus();
    }
  }

  function activateReplyFromKeyboard(event) {
    var reply = event.target.closest && event.target.closest("div.rw-reply");
    if (reply && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      reply.click();
      // The chosen reply disappears; keep the keyboard user in the conversation.
      focusInput();
    }
  }

  function clearConversation() {
    window.localStorage.removeItem(WIDGET_STORAGE_KEY);
    window.location.reload();
  }

  // Call once the page has loaded: the widget then renders at once (synchronously).
  function mountWidget(config) {
    window.WebChat.default(
      {
        socketUrl: rasaSocketUrl(config),
        socketPath: "/socket.io/",
        // socket.io-client options, e.g. websocket only with several Rasa workers.
        protocolOptions: config.socketOptions,
        initPayload: "/greet",
        inputTextFieldHint: "Type your question…",
        embedded: true,
        // Keep the conversation in localStorage so it survives a reload.
        params: { storage: "local" },
        // No Botfront "rules": they only delay showing the widget.
        withRules: false,
        // Show the conversation even while (re)connecting, with this notice above it.
        hideWhenNotConnected: false,
        connectingText: "Connecting to the assistant… If this does not go away, please try again later.",
      },
      chat
    );
  }

  // The widget autofocuses its input when it renders, which on a phone scrolls past
  // the page's text (and the disclaimer) and may open the keyboard. Undo that: the
  // patient decides when to type.
  function mountWithoutTakingFocus(config) {
    var scrollY = window.scrollY;
    mountWidget(config);
    if (chat.contains(document.activeElement)) {
      document.activeElement.blur();
      window.scrollTo(0, scrollY);
    }
  }

  new MutationObserver(labelWidget).observe(chat, { childList: true, subtree: true });
  chat.addEventListener("keydown", activateReplyFromKeyboard);
  document.getElementById("new-conversation").addEventListener("click", clearConversation);
  window.addEventListener("load", function () {
    mountWithoutTakingFocus(window.ASSISTANT_CONFIG);
  });
})();
