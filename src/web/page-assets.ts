/**
 * The check-in page's own script and styles, served from the bot (never inline, so the page's
 * Content-Security-Policy can forbid inline scripts). Kept as strings so they travel with the
 * compiled code and with a bundle alike. The script renders the SAME Adaptive Card JSON Teams
 * gets, with the adaptivecards browser bundle, and posts Action.Execute as JSON.
 */
export const CHECK_IN_PAGE_JS = String.raw`'use strict';
(function () {
  var AC = window.AdaptiveCards;
  var host = document.getElementById('card-host');
  var status = document.getElementById('status');
  var token = new URLSearchParams(window.location.search).get('token') || '';

  // Card text is markdown in Teams; ours only escapes characters. Undo that, as text, never HTML.
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = escapeHtml(text.replace(/\\(.)/g, '$1')).replace(/\n/g, '<br>');
    result.didProcess = true;
  };

  // System fonts and colours with at least 4.5:1 contrast on white.
  var hostConfig = new AC.HostConfig({
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
    supportsInteractivity: true,
    containerStyles: {
      default: { backgroundColor: '#FFFFFF', foregroundColors: {
        default: { default: '#1B1B1B', subtle: '#4A4A4A' }, accent: { default: '#0B5394', subtle: '#0B5394' },
        attention: { default: '#A4262C', subtle: '#A4262C' }, warning: { default: '#7A4A00', subtle: '#7A4A00' }, good: { default: '#0E6B28', subtle: '#0E6B28' } } },
      emphasis: { backgroundColor: '#F3F3F3' },
      attention: { backgroundColor: '#FDE7E9' },
      warning: { backgroundColor: '#FFF4CE' },
      good: { backgroundColor: '#DFF6DD' }
    },
    actions: { actionsOrientation: 'horizontal', actionAlignment: 'left', buttonSpacing: 8, maxActions: 5, showCard: { actionMode: 'inline' } }
  });

  function render(json) {
    var card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = onAction;
    card.parse(json);
    var element = card.render();
    host.replaceChildren(element);
  }

  function say(text) {
    status.textContent = text;
  }

  function onAction(action) {
    if (!(action instanceof AC.ExecuteAction)) return;
    host.setAttribute('aria-busy', 'true');
    say('Sending…');
    fetch('/checkin/submit?token=' + encodeURIComponent(token), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verb: action.verb, data: action.data })
    })
      .then(function (res) { return res.json(); })
      .then(function (answer) {
        render(answer.card);
        say(answer.message || '');
        // Focus moves to the new card's start, so keyboard and screen reader users land on what
        // changed (the card opens with "Nothing was saved…" when a field needs fixing).
        var target = host.firstElementChild;
        if (target) { target.setAttribute('tabindex', '-1'); target.focus(); }
      })
      .catch(function () {
        say('The answer could not be sent (no connection?). Nothing was lost on this page: press the button again.');
      })
      .then(function () { host.removeAttribute('aria-busy'); });
  }

  render(JSON.parse(document.getElementById('card-json').textContent));
})();
`;

export const CHECK_IN_PAGE_CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #f3f3f3; color: #1b1b1b; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; }
header { background: #0b5394; color: #ffffff; padding: 12px 24px; }
header p { margin: 0; font-weight: 600; }
main { max-width: 760px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.4rem; margin: 8px 0 16px; }
#card-host { background: #ffffff; border: 1px solid #8a8a8a; border-radius: 6px; padding: 8px; }
#status:not(:empty) { margin: 0 0 12px; padding: 8px 12px; background: #ffffff; border-left: 4px solid #0b5394; }
.notice { background: #ffffff; border: 1px solid #8a8a8a; border-left: 6px solid #a4262c; border-radius: 6px; padding: 16px 20px; }
input, textarea, select, button { font: inherit; }
.ac-input, .ac-textInput, .ac-multiline { border: 1px solid #6b6b6b !important; color: #1b1b1b; }
.ac-pushButton { min-height: 40px; padding: 8px 16px; border: 2px solid #0b5394; background: #0b5394; color: #ffffff; border-radius: 4px; cursor: pointer; font-weight: 600; }
.ac-pushButton:hover { background: #083d6d; }
:focus-visible { outline: 3px solid #1b1b1b !important; outline-offset: 2px; }
footer { max-width: 760px; margin: 0 auto; padding: 0 16px 24px; color: #4a4a4a; font-size: 0.9rem; }
`;
