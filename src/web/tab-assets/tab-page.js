// The Teams "Boards" tab: signs in through Teams (tab single sign-on), asks the bot for this
// person's link to the board, and goes there. Every message it shows is in the page's HTML.
'use strict';
(function () {
  var teams = window.microsoftTeams;
  var tab = window.hwbTab;
  var HANDSHAKE_MS = tab.HANDSHAKE_MS;
  var say = tab.say;
  var reveal = tab.reveal;
  var withinTime = tab.withinTime;
  function refused(answer) {
    tab.refused(answer, { title: 'The board could not be opened', text: 'Reload the tab in a minute.' });
  }

  /** The board of a channel tab: its address says (?board=<key>); the personal tab names none. */
  function boardKey() {
    return new URLSearchParams(window.location.search).get('board') || '';
  }

  function choose(token, boards) {
    var list = document.getElementById('choices');
    list.replaceChildren();
    boards.forEach(function (board) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = board.name;
      button.addEventListener('click', function () { openBoard(token, board.key); });
      item.appendChild(button);
      list.appendChild(item);
    });
    say('');
    document.getElementById('choose').hidden = false;
    var first = list.querySelector('button');
    if (first) first.focus();
  }

  function openBoard(token, key) {
    say('Opening the board…');
    return fetch('/tab/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify(key ? { board: key } : {})
    })
      .then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, body: body }; });
      })
      .then(function (answer) {
        if (answer.ok && typeof answer.body.url === 'string') {
          window.location.assign(answer.body.url);
        } else if (answer.ok && Array.isArray(answer.body.boards)) {
          choose(token, answer.body.boards);
        } else {
          refused(answer.body);
        }
      }, function () {
        reveal('no-connection');
      });
  }

  // Outside Teams (a browser tab, no host window and no Teams mobile bridge) there is nobody to ask.
  var hosted = window.parent !== window || Boolean(window.opener) || Boolean(window.nativeInterface);
  if (!teams || !hosted) {
    reveal('outside-teams');
    return;
  }
  say('Signing you in through Teams…');
  withinTime(teams.app.initialize(), HANDSHAKE_MS).then(
    function () {
      teams.authentication.getAuthToken().then(
        function (token) { return openBoard(token, boardKey()); },
        function () { reveal('sign-in-failed'); }
      );
    },
    function () { reveal('outside-teams'); }
  );
})();
