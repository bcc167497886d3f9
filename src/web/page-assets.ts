import { ERROR_ID_SUFFIX, NOTICE_IDS } from '../cards/check-in-card';

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
  var ERROR_ID_SUFFIX = ${JSON.stringify(ERROR_ID_SUFFIX)};
  var NOTICE_IDS = ${JSON.stringify(NOTICE_IDS)};

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

  // Error text describes its field (aria-describedby); it is never part of the field's name.
  // adaptivecards 3.0.6 adds the message it shows after a failed check to the field's
  // aria-labelledby, so a radio button was called "RAG rating … Choose Red, Amber or Green.".
  // Its label ids are taken without that message, and the field is then described by both
  // kinds of error: the renderer's own (a required field left empty) and the bot's (a TextBlock
  // with the id "<input id>-error", from the server's check).
  var baseLabelIds = AC.Input.prototype.getAllLabelIds;
  AC.Input.prototype.getAllLabelIds = function () {
    var shown = this._renderedErrorMessageElement;
    return baseLabelIds.call(this).filter(function (id) { return !shown || id !== shown.id; });
  };
  function errorIdsOf(input) {
    var ids = [];
    var fromBot = input.id && document.getElementById(input.id + ERROR_ID_SUFFIX);
    if (fromBot) ids.push(fromBot.id);
    var shown = input._renderedErrorMessageElement;
    if (shown && shown.id) ids.push(shown.id);
    return ids;
  }
  function setOrRemove(element, name, value) {
    if (value) element.setAttribute(name, value); else element.removeAttribute(name);
  }
  function describe(input) {
    var control = input.renderedInputControlElement;
    if (!control) return;
    var errors = errorIdsOf(input).join(' ');
    var choices = input._toggleInputs || [];
    var labels = input._labels || [];
    if (choices.length > 0 && input.style === 'expanded') {
      // Radio buttons: the group carries the question, each button only its own answer.
      var question = baseLabelIds.call(input).filter(function (id) { return errorIdsOf(input).indexOf(id) < 0; }).join(' ');
      control.setAttribute('role', input.isMultiSelect ? 'group' : 'radiogroup');
      setOrRemove(control, 'aria-labelledby', question);
      setOrRemove(control, 'aria-describedby', errors);
      setOrRemove(control, 'aria-invalid', errors ? 'true' : '');
      if (input.isRequired && !input.isMultiSelect) control.setAttribute('aria-required', 'true');
      choices.forEach(function (choice, i) {
        choice.removeAttribute('aria-required');
        setOrRemove(choice, 'aria-labelledby', labels[i] && labels[i].id);
        setOrRemove(choice, 'aria-describedby', errors);
      });
      return;
    }
    setOrRemove(control, 'aria-describedby', errors);
    setOrRemove(control, 'aria-invalid', errors ? 'true' : '');
  }
  [AC.Input, AC.ChoiceSetInput, AC.ToggleInput].forEach(function (type) {
    var own = type.prototype.updateInputControlAriaLabelledBy;
    type.prototype.updateInputControlAriaLabelledBy = function () {
      own.call(this);
      describe(this);
    };
  });

  function render(json) {
    var card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = onAction;
    card.parse(json);
    var element = card.render();
    host.replaceChildren(element);
    // The bot's own error texts exist only once the card is in the document.
    card.getAllInputs().forEach(describe);
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
        // The card says itself when nothing was saved (its one banner); the line above it only
        // says what the card does not (the answer is saved).
        say(answer.message || '');
        // Focus moves to the card's notice ("Nothing was saved…") when it has one, else to the
        // new card's start, so keyboard and screen reader users land on what changed.
        var notice = host.querySelector(NOTICE_IDS.map(function (id) { return '[id$="' + id + '"]'; }).join(', '));
        var target = notice || host.firstElementChild;
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
