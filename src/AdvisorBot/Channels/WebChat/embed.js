/*
 * AdvisorBot's chat widget. The intranet page loads it, and so can any other intranet page:
 *   <div id="advisorbot" style="height: 600px"></div>
 *   <script src="https://<advisorbot host>/webchat/embed.js" data-target="advisorbot"></script>
 * It loads Web Chat from the same host, gets a Direct Line token from /api/webchat/token (no secret in the browser),
 * keeps the conversation across reloads, and asks the bot for its welcome when connected.
 * Options as data-* attributes on the script tag: data-target (element id), data-locale (nl-NL or en-US; default: the
 * browser's languages), data-transport ("websocket" or "polling"; also ?transport= on the page URL).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var assets = new URL('.', script.src);
  var service = new URL('..', assets).href.replace(/\/$/, '');
  var storageKey = 'advisorbot.session:' + service;

  var texts = {
    nl: {
      title: 'Wervingsadviseur',
      intro: 'Vraag naar cijfers, kanalen, salaris en aanpak voor het werven van schaarse doelgroepen. De antwoorden komen uit het doelgroeprapport.',
      newConversation: 'Nieuw gesprek',
      tagline: 'Arbeidsmarktcijfers voor werving',
      region: 'Chat met de wervingsadviseur',
      failed: 'De chat kan nu niet starten. Probeer het over een minuut opnieuw.',
      signIn: 'Log in op het intranet om met de wervingsadviseur te chatten.',
      pageTitle: 'Wervingsadviseur · AdvisorBot'
    },
    en: {
      title: 'Recruitment advisor',
      intro: 'Ask for figures, channels, salary and approach for recruiting scarce target groups. The answers come from the target-group report.',
      newConversation: 'New conversation',
      tagline: 'Labour-market figures for recruitment',
      region: 'Chat with the recruitment advisor',
      failed: 'The chat cannot start right now. Please try again in a minute.',
      signIn: 'Sign in to the intranet to chat with the recruitment advisor.',
      pageTitle: 'Recruitment advisor · AdvisorBot'
    }
  };

  function pickLocale() {
    var asked = script.getAttribute('data-locale') || new URLSearchParams(location.search).get('lang');
    var candidates = asked ? [asked] : (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'nl']);
    for (var i = 0; i < candidates.length; i++) {
      var language = String(candidates[i]).toLowerCase();
      if (language.indexOf('nl') === 0) return 'nl-NL';
      if (language.indexOf('en') === 0) return 'en-US';
    }
    return 'nl-NL';
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error('Could not load ' + src)); };
      document.head.appendChild(tag);
    });
  }

  function readSession() {
    try { return JSON.parse(localStorage.getItem(storageKey) || 'null'); } catch (e) { return null; }
  }

  function writeSession(session) {
    try { localStorage.setItem(storageKey, JSON.stringify(session)); } catch (e) { /* private mode: no resume */ }
  }

  // A token for this browser's conversation: the stored one is sent along, so the service resumes that conversation.
  function getSession() {
    var previous = readSession();
    var headers = {};
    if (previous && previous.token) headers.Authorization = 'Bearer ' + previous.token;
    return fetch(service + '/api/webchat/token', { method: 'POST', headers: headers, credentials: 'include' })
      .then(function (response) {
        if (!response.ok) {
          var error = new Error('token endpoint answered ' + response.status);
          error.status = response.status;
          throw error;
        }
        return response.json();
      })
      .then(function (session) { writeSession(session); return session; });
  }

  var styleOptions = {
    accent: '#01689b',
    primaryFont: '"RijksoverheidSansWebText", "Segoe UI", Calibri, Verdana, Arial, sans-serif',
    backgroundColor: '#ffffff',
    bubbleBackground: '#f3f3f3',
    bubbleBorderColor: '#cccccc',
    bubbleBorderRadius: 4,
    bubbleBorderWidth: 1,
    bubbleFromUserBackground: '#154273',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 4,
    bubbleMaxWidth: 640,
    botAvatarInitials: 'AB',
    botAvatarBackgroundColor: '#154273',
    hideUploadButton: true,
    subtle: '#595959',
    suggestedActionLayout: 'flow',
    suggestedActionBorderRadius: 4,
    suggestedActionBorderColor: '#01689b',
    suggestedActionTextColor: '#154273',
    sendBoxTextWrap: true
  };

  function start() {
    var locale = pickLocale();
    var t = texts[locale.slice(0, 2)];
    var element = document.getElementById(script.getAttribute('data-target') || 'advisorbot');
    if (!element) return;
    element.setAttribute('role', 'region');
    element.setAttribute('aria-label', t.region);
    element.setAttribute('lang', locale.slice(0, 2));

    if (script.getAttribute('data-page') === 'true') {
      document.documentElement.lang = locale.slice(0, 2);
      document.title = t.pageTitle;
      Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (node) {
        node.textContent = t[node.getAttribute('data-text')];
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll('[data-advisorbot-new]'), function (button) {
      button.addEventListener('click', function () {
        try { localStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
        location.reload();
      });
    });

    var transport = script.getAttribute('data-transport') || new URLSearchParams(location.search).get('transport') || 'websocket';
    var ready = window.WebChat ? Promise.resolve() : loadScript(assets.href + 'webchat.js');
    return Promise.all([ready, getSession()]).then(function (results) {
      var session = results[1];
      var directLine = window.WebChat.createDirectLine({
        domain: service + '/v3/directline',
        token: session.token,
        conversationId: session.conversationId,
        webSocket: transport !== 'polling'
      });
      // Web Chat sends nothing on connect; this event asks the bot for its welcome (once per conversation).
      var store = window.WebChat.createStore({}, function (api) {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
              api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: locale } } });
            }
            return next(action);
          };
        };
      });
      window.WebChat.renderWebChat({ directLine: directLine, store: store, locale: locale, userID: session.userId, styleOptions: styleOptions }, element);
      window.AdvisorBotChat = { conversationId: session.conversationId, transport: transport, locale: locale };
    }).catch(function (error) {
      element.innerHTML = '';
      var message = document.createElement('p');
      message.className = 'chat-error';
      message.setAttribute('role', 'alert');
      message.textContent = error && error.status === 401 ? t.signIn : t.failed;
      element.appendChild(message);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
