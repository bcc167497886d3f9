// What both Teams tab pages share (the "Boards" tab and the channel tab's configuration page):
// the status line, showing a notice from the page's HTML, a refusal in the bot's words, and a
// time limit on the host's answers. Loaded before each page's own script.
'use strict';
(function () {
  var statusLine = document.getElementById('status');

  function say(text) {
    statusLine.textContent = text;
  }

  function reveal(id) {
    say('');
    var element = document.getElementById(id);
    element.hidden = false;
    element.setAttribute('tabindex', '-1');
    element.focus();
  }

  /** The bot's refusal ({title, text}), or the page's own words when it gave none. */
  function refused(answer, fallback) {
    document.getElementById('refused-title').textContent = answer && answer.title ? answer.title : fallback.title;
    document.getElementById('refused-text').textContent = answer && answer.text ? answer.text : fallback.text;
    reveal('refused');
  }

  function withinTime(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error('no answer from the host')); }, ms);
      promise.then(function (value) { clearTimeout(timer); resolve(value); }, function (e) { clearTimeout(timer); reject(e); });
    });
  }

  window.hwbTab = {
    /** How long Teams gets to answer TeamsJS's handshake before the page says it is not in Teams. */
    HANDSHAKE_MS: 10000,
    say: say,
    reveal: reveal,
    refused: refused,
    withinTime: withinTime,
  };
})();
