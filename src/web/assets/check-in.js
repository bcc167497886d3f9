/*
 * The web check-in page's script (served by the bot from a hashed address; the page's
 * Content-Security-Policy allows no inline script). It renders the SAME Adaptive Card JSON Teams
 * gets, with the adaptivecards browser bundle, and posts Action.Execute as JSON. The card's ids
 * it relies on come from the page (data attributes written from src/cards/check-in-card.ts).
 *
 * Type-checked as JavaScript (src/web/assets/tsconfig.json, in `npm run typecheck`).
 */
// @ts-check
'use strict';
(function () {
  // The adaptivecards browser bundle, which the page loads before this script.
  var AC = /** @type {{ AdaptiveCards: typeof import('adaptivecards') }} */ (/** @type {unknown} */ (window)).AdaptiveCards;
  var host = /** @type {HTMLElement} */ (document.getElementById('card-host'));
  var status = /** @type {HTMLElement} */ (document.getElementById('status'));
  var token = new URLSearchParams(window.location.search).get('token') || '';
  var ERROR_ID_SUFFIX = host.dataset.errorIdSuffix || '';
  var NOTICE_IDS = (host.dataset.noticeIds || '').split(' ');

  // Card text is markdown in Teams; ours only escapes characters. Undo that, as text, never
  // HTML: the browser writes the text node out as HTML itself (escaped), line breaks as <br>.
  var scratch = document.createElement('div');
  /** @type {(text: string, result: import('adaptivecards').IMarkdownProcessingResult) => void} */
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
  /**
   * The renderer's own members used here: protected or private in its types, there at run time in 3.0.6.
   * @typedef {{
   *   getAllLabelIds(): string[],
   *   updateInputControlAriaLabelledBy(): void,
   *   renderedInputControlElement?: HTMLElement,
   *   _renderedErrorMessageElement?: HTMLElement,
   *   _toggleInputs?: HTMLInputElement[],
   *   _labels?: (HTMLElement | undefined)[]
   * }} Internals
   */
  /** @param {unknown} input @returns {Internals} */
  function internals(input) {
    return /** @type {Internals} */ (input);
  }
  var baseLabelIds = internals(AC.Input.prototype).getAllLabelIds;
  internals(AC.Input.prototype).getAllLabelIds = function () {
    var shown = internals(this)._renderedErrorMessageElement;
    return baseLabelIds.call(this).filter(function (id) { return !shown || id !== shown.id; });
  };
  /** @param {import('adaptivecards').Input} input */
  function errorIdsOf(input) {
    /** @type {string[]} */
    var ids = [];
    var fromBot = input.id && document.getElementById(input.id + ERROR_ID_SUFFIX);
    if (fromBot) ids.push(fromBot.id);
    var shown = internals(input)._renderedErrorMessageElement;
    if (shown && shown.id) ids.push(shown.id);
    return ids;
  }
  /** @param {Element} element @param {string} name @param {string | undefined} value */
  function setOrRemove(element, name, value) {
    if (value) element.setAttribute(name, value); else element.removeAttribute(name);
  }
  /** @param {import('adaptivecards').Input} input */
  function describe(input) {
    var control = internals(input).renderedInputControlElement;
    if (!control) return;
    var errors = errorIdsOf(input).join(' ');
    var choices = internals(input)._toggleInputs || [];
    var labels = internals(input)._labels || [];
    var choiceSet = /** @type {import('adaptivecards').ChoiceSetInput} */ (input);
    if (choices.length > 0 && choiceSet.style === 'expanded') {
      // Radio buttons: the group carries the question, each button only its own answer.
      var question = baseLabelIds.call(internals(input)).filter(function (id) { return errorIdsOf(input).indexOf(id) < 0; }).join(' ');
      control.setAttribute('role', choiceSet.isMultiSelect ? 'group' : 'radiogroup');
      setOrRemove(control, 'aria-labelledby', question);
      setOrRemove(control, 'aria-describedby', errors);
      setOrRemove(control, 'aria-invalid', errors ? 'true' : '');
      if (input.isRequired && !choiceSet.isMultiSelect) control.setAttribute('aria-required', 'true');
      choices.forEach(function (choice, i) {
        choice.removeAttribute('aria-required');
        var label = labels[i];
        setOrRemove(choice, 'aria-labelledby', label && label.id);
        setOrRemove(choice, 'aria-describedby', errors);
      });
      return;
    }
    setOrRemove(control, 'aria-describedby', errors);
    setOrRemove(control, 'aria-invalid', errors ? 'true' : '');
  }
  [AC.Input, AC.ChoiceSetInput, AC.ToggleInput].forEach(function (type) {
    var prototype = internals(type.prototype);
    var own = prototype.updateInputControlAriaLabelledBy;
    /** @this {import('adaptivecards').Input} */
    prototype.updateInputControlAriaLabelledBy = function () {
      own.call(this);
      describe(this);
    };
  });

  /** @param {unknown} json */
  function render(json) {
    var card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = onAction;
    card.parse(json);
    var element = card.render();
    host.replaceChildren(...(element ? [element] : []));
    // The bot's own error texts exist only once the card is in the document.
    card.getAllInputs().forEach(describe);
  }

  /** @param {string} text */
  function say(text) {
    status.textContent = text;
  }

  /** @param {import('adaptivecards').Action} action */
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
        var target = /** @type {HTMLElement | null} */ (notice || host.firstElementChild);
        if (target) { target.setAttribute('tabindex', '-1'); target.focus(); }
      })
      .catch(function () {
        say('The answer could not be sent (no connection?). Nothing was lost on this page: press the button again.');
      })
      .then(function () { host.removeAttribute('aria-busy'); });
  }

  render(JSON.parse(String(/** @type {HTMLElement} */ (document.getElementById('card-json')).textContent)));
})();
