/*
 * The web check-in page's script (served by the bot from a hashed address; the page's
 * Content-Security-Policy allows no inline script). It renders the SAME Adaptive Card JSON Teams
 * gets, with the adaptivecards browser bundle, and posts Action.Execute as JSON. The card's ids
 * it relies on come from the page (data attributes written from src/cards/check-in-card.ts).
 */
'use strict';
(function () {
  var AC = window.AdaptiveCards;
  var host = document.getElementById('card-host');
  var status = document.getElementById('status');
  var token = new URLSearchParams(window.location.search).get('token') || '';
  var ERROR_ID_SUFFIX = host.dataset.errorIdSuffix;
  var NOTICE_IDS = host.dataset.noticeIds.split(' ');

  // Card text is markdown in Teams; ours only escapes characters. Undo that, as text, never
  // HTML: the browser writes the text node out as HTML itself (escaped), line breaks as <br>.
  var scratch = document.createElement('div');
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    scratch.textContent = text.replace(/\\(.)/g, '$1');
    result.outputHtml = scratch.innerHTML.replace(/\n/g, '<br>');
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
