// The channel tab's configuration page: the user picks one of their boards, and Teams saves a
// tab whose address names it (TeamsJS pages.config). Messages are in the page's HTML.
'use strict';
(function () {
  var teams = window.microsoftTeams;
  var tab = window.hwbTab;
  var HANDSHAKE_MS = tab.HANDSHAKE_MS;
  var say = tab.say;
  var reveal = tab.reveal;
  var withinTime = tab.withinTime;
  function refused(answer) {
    tab.refused(answer, { title: 'Your boards could not be listed', text: 'Close this dialog and try again in a minute.' });
  }
  var form = document.getElementById('pick');
  var select = document.getElementById('board');

  function fill(boards) {
    boards.forEach(function (board) {
      var option = document.createElement('option');
      option.value = board.key;
      option.textContent = board.name;
      select.appendChild(option);
    });
    if (boards.length === 1) select.value = boards[0].key;
    form.hidden = false;
    say('');
    teams.pages.config.setValidityState(select.value !== '');
    select.focus();
  }

  function save(saveEvent) {
    var key = select.value;
    var name = select.options[select.selectedIndex].textContent;
    var origin = window.location.origin;
    teams.pages.config
      .setConfig({
        entityId: 'hwb-board-' + key,
        contentUrl: origin + '/tab/boards?board=' + encodeURIComponent(key),
        suggestedDisplayName: name
      })
      .then(function () { saveEvent.notifySuccess(); }, function (e) { saveEvent.notifyFailure(String(e && e.message ? e.message : e)); });
  }

  var hosted = window.parent !== window || Boolean(window.opener) || Boolean(window.nativeInterface);
  if (!teams || !hosted) {
    reveal('outside-teams');
    return;
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  select.addEventListener('change', function () { teams.pages.config.setValidityState(select.value !== ''); });
  say('Signing you in through Teams…');
  withinTime(teams.app.initialize(), HANDSHAKE_MS).then(
    function () {
      teams.pages.config.registerOnSaveHandler(save);
      teams.authentication.getAuthToken().then(
        function (token) {
          return fetch('/tab/my-boards', { method: 'POST', headers: { authorization: 'Bearer ' + token } })
            .then(function (res) {
              return res.json().then(function (body) { return { ok: res.ok, body: body }; });
            })
            .then(function (answer) {
              if (answer.ok && Array.isArray(answer.body.boards)) fill(answer.body.boards);
              else refused(answer.body);
            }, function () { reveal('no-connection'); });
        },
        function () { reveal('sign-in-failed'); }
      );
    },
    function () { reveal('outside-teams'); }
  );
})();
