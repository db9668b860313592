// Puts HeeBot on any page: <script src="https://YOUR-HEEBOT-HOST/embed.js" async></script>
// Adds an "Ask HeeBot" button that opens the chat in a panel (an iframe of HeeBot's own page).
(function () {
  'use strict';
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Ask HeeBot';
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:2147483646;padding:.75rem 1.25rem;border:0;border-radius:2rem;background:#005eb8;color:#fff;font:bold 16px Arial,sans-serif;cursor:pointer;';
  const frame = document.createElement('iframe');
  frame.title = 'Chat with HeeBot';
  frame.hidden = true;
  frame.style.cssText = 'position:fixed;right:1rem;bottom:4.5rem;z-index:2147483647;width:min(420px,calc(100vw - 2rem));height:min(640px,calc(100vh - 6rem));border:1px solid #d8dde0;border-radius:8px;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.2);';
  button.addEventListener('click', function () {
    if (!frame.src) {
      frame.src = origin + '/?embed=1';
    }

    frame.hidden = !frame.hidden;
    button.setAttribute('aria-expanded', String(!frame.hidden));
  });
  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
