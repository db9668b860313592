// HeeBot's chat page: Web Chat over Direct Line, with a conversation token from the server (no secret here).
(async function () {
  'use strict';
  const params = new URLSearchParams(window.location.search);
  const status = document.getElementById('status');
  const nonce = document.querySelector('meta[name="csp-nonce"]').content;

  try {
    const response = await fetch('/api/directline/token', { method: 'POST', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error('token endpoint answered ' + response.status);
    }

    const { token, domain, userId } = await response.json();

    // Greet through the webchat/join event once connected (works on Azure Direct Line too).
    const store = window.WebChat.createStore({}, ({ dispatch }) => next => action => {
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
        dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { language: navigator.language } } });
      }

      return next(action);
    });

    window.WebChat.renderWebChat(
      {
        directLine: window.WebChat.createDirectLine({ token, domain, webSocket: params.get('transport') !== 'polling' }),
        store,
        userID: userId,
        username: 'You',
        locale: 'en-GB',
        nonce,
        styleOptions: {
          accent: '#005eb8',
          botAvatarInitials: 'HEE',
          userAvatarInitials: 'You',
          bubbleMaxWidth: 640,
          hideUploadButton: true,
          sendTimeout: Number(params.get('sendTimeout')) || 20000,
        },
      },
      document.getElementById('webchat'));

    document.querySelector('input[data-id="webchat-sendbox-input"]')?.focus();
  } catch (error) {
    status.textContent = 'HeeBot cannot be reached right now. Please try again in a minute.';
    console.error(error);
  }
})();
