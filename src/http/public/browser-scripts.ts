/**
 * The public site's two browser scripts, served as external files because the Content-Security-Policy
 * forbids inline scripts. They are kept here as text so that the type-aware lint, which covers the
 * TypeScript sources, does not have to parse browser JavaScript; browser-scripts.test.ts compiles both
 * and runs the service worker's handlers.
 *
 * - SUBSCRIBE_SCRIPT, /assets/subscribe.js: what the subscription form does with JavaScript. The form
 *   works without it (plain POST); the script only adds
 *   - the consent text of the chosen channel alone (without the script every offered wording shows);
 *   - "use my location" for the point of the area (rounded to 3 decimals, ~100 m);
 *   - browser notifications (Web Push): it reveals that choice when the browser can receive them and
 *     the server has a VAPID key, then on submit asks permission, registers /sw.js, subscribes with
 *     the VAPID public key and posts the form's fields with the PushSubscription as JSON to
 *     /subscribe/push. Every word it shows comes from the page (data-msg-* attributes) or from the
 *     server's JSON answer, in the page's language.
 * - SERVICE_WORKER_SCRIPT, /sw.js: shows each push as a notification from the JSON payload
 *   {title, body, url, lang, dir, tag, kind} and opens `url` on click (focusing a tab already on that
 *   page). A later push with the same `tag` (an alert's update or end) replaces the earlier
 *   notification. Only this site's own pages are opened: another origin's URL opens the home page.
 *
 * The texts contain no backtick and no "${": they are plain template literals.
 *
 * @example
 *   reply.type('application/javascript; charset=utf-8').send(SERVICE_WORKER_SCRIPT);
 */

export const SUBSCRIBE_SCRIPT = String.raw`(function () {
  'use strict';
  var form = document.getElementById('subscribe-form');
  if (!form) return;
  var status = document.getElementById('push-status');
  var key = form.getAttribute('data-push-key') || '';
  var pushable = key !== '' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  var MULTI = { provinces: true, languages: true, consentVersion: true };

  function say(text) {
    if (status) status.textContent = text || '';
  }
  function message(name) {
    return form.getAttribute('data-msg-' + name) || '';
  }
  function chosenChannel() {
    var checked = form.querySelector('input[name="channel"]:checked');
    return checked ? checked.value : '';
  }
  function showConsent() {
    var channel = chosenChannel();
    var blocks = form.querySelectorAll('.consent-text');
    for (var i = 0; i < blocks.length; i++) blocks[i].hidden = channel !== '' && blocks[i].getAttribute('data-channel') !== channel;
  }

  if (pushable) {
    var pushOnly = form.querySelectorAll('.push-only');
    for (var i = 0; i < pushOnly.length; i++) pushOnly[i].hidden = false;
  }
  form.addEventListener('change', showConsent);
  showConsent();

  var locate = document.getElementById('use-location');
  if (locate && 'geolocation' in navigator) {
    locate.hidden = false;
    locate.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.elements.namedItem('lat').value = position.coords.latitude.toFixed(3);
          form.elements.namedItem('lon').value = position.coords.longitude.toFixed(3);
          var circle = document.getElementById('f-area-circle');
          if (circle) circle.checked = true;
        },
        function () {},
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
      );
    });
  }

  function fields() {
    var out = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== 'string') return;
      if (MULTI[name]) (out[name] = out[name] || []).push(value);
      else out[name] = value;
    });
    return out;
  }

  function keyBytes(base64url) {
    var b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(b64 + '==='.slice((b64.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  async function subscribePush() {
    var permission = await Notification.requestPermission();
    if (permission !== 'granted') return message('denied');
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    var registration = await navigator.serviceWorker.ready;
    var subscription = await registration.pushManager.getSubscription();
    if (!subscription) subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
    var body = fields();
    body.subscription = subscription.toJSON();
    var response = await fetch('/subscribe/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
    var answer = await response.json().catch(function () {
      return {};
    });
    var errors = Array.isArray(answer.errors) ? answer.errors.map(function (e) { return e.message; }) : [];
    return [answer.message || (response.ok ? '' : message('failed'))].concat(errors).join(' ');
  }

  form.addEventListener('submit', function (event) {
    if (chosenChannel() !== 'webpush') return;
    event.preventDefault();
    if (!pushable) {
      say(message('unsupported'));
      return;
    }
    say(message('working'));
    subscribePush().then(say, function () {
      say(message('failed'));
    });
  });
})();
`;

export const SERVICE_WORKER_SCRIPT = String.raw`'use strict';

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

function text(value) {
  return typeof value === 'string' ? value : '';
}

function ownUrl(value) {
  try {
    var url = new URL(text(value), self.location.origin);
    return url.origin === self.location.origin ? url.href : self.location.origin + '/';
  } catch (e) {
    return self.location.origin + '/';
  }
}

self.addEventListener('push', function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  if (typeof data !== 'object' || data === null) data = {};
  var tag = text(data.tag);
  var options = {
    body: text(data.body),
    lang: text(data.lang),
    dir: data.dir === 'rtl' || data.dir === 'ltr' ? data.dir : 'auto',
    data: { url: ownUrl(data.url) },
    requireInteraction: data.kind === 'alert'
  };
  if (tag) {
    options.tag = tag;
    options.renotify = true;
  }
  event.waitUntil(self.registration.showNotification(text(data.title) || 'Tifli', options));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = event.notification.data && event.notification.data.url;
  if (!url) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (list) {
      for (var i = 0; i < list.length; i++) if (list[i].url === url && 'focus' in list[i]) return list[i].focus();
      return self.clients.openWindow(url);
    })
  );
});
`;
