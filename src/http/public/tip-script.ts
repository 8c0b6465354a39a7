/**
 * The tip form's browser script, /assets/tip.js (external: the CSP forbids inline scripts). Kept here
 * as text, like browser-scripts.ts, so the type-aware lint does not parse browser JavaScript. The form
 * works without it; the script only adds:
 * - "use my location": fills the hidden lat/lon fields from the browser's geolocation (5 decimals);
 * - the proof of work, when the server asks for one: on submit it asks /alerts/{id}/tips/challenge
 *   (or takes the challenge a refused post's page carries), searches the counter in slices of the
 *   event loop so the page stays responsive, puts `?proof=<challenge>~<counter>` on the form's action
 *   and sends the form as the browser would (photo included). When the check cannot be made (no
 *   fetch, a network error) the form is sent plainly: the server decides.
 *
 * TIP_PROOF_SOLVER (SHA-256's first word of an ASCII string, and the search) is also evaluated by
 * tip-script.test.ts against node:crypto, so the browser's answers are the server's.
 * The texts contain no backtick and no "${": they are plain template literals.
 *
 * @example
 *   reply.type('application/javascript; charset=utf-8').send(TIP_SCRIPT);
 */

export const TIP_PROOF_SOLVER = String.raw`
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];
  var W = new Int32Array(64);

  function rotr(x, n) {
    return (x >>> n) | (x << (32 - n));
  }

  /** The first 32-bit word of SHA-256 over an ASCII string (all the proof needs). */
  function firstWord(text) {
    var n = text.length;
    var words = (((n + 8) >> 6) + 1) << 4;
    var m = new Int32Array(words);
    for (var i = 0; i < n; i++) m[i >> 2] |= (text.charCodeAt(i) & 0xff) << (24 - (i & 3) * 8);
    m[n >> 2] |= 0x80 << (24 - (n & 3) * 8);
    m[words - 1] = n * 8;
    var h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a;
    var h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    for (var off = 0; off < words; off += 16) {
      for (var t = 0; t < 64; t++) {
        if (t < 16) W[t] = m[off + t];
        else {
          var a15 = W[t - 15], a2 = W[t - 2];
          var s0 = rotr(a15, 7) ^ rotr(a15, 18) ^ (a15 >>> 3);
          var s1 = rotr(a2, 17) ^ rotr(a2, 19) ^ (a2 >>> 10);
          W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
        }
      }
      var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
      for (var j = 0; j < 64; j++) {
        var S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        var ch = (e & f) ^ (~e & g);
        var t1 = (h + S1 + ch + K[j] + W[j]) | 0;
        var S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    return h0 >>> 0;
  }

  /** The difficulty a challenge states ("p1.<expiry>.<bits>.…"). */
  function bitsOf(challenge) {
    var bits = Number(String(challenge).split('.')[2]);
    return bits >= 1 && bits <= 31 ? bits : 31;
  }

  /** Searches counters from start for count steps; the proof text or null. */
  function search(challenge, start, count) {
    var shift = 32 - bitsOf(challenge);
    var prefix = challenge + '~';
    for (var i = start; i < start + count; i++) {
      if (firstWord(prefix + i) >>> shift === 0) return prefix + i;
    }
    return null;
  }
`;

export const TIP_SCRIPT = String.raw`(function () {
  'use strict';
  var form = document.getElementById('tip-form');
  if (!form) return;
  ${TIP_PROOF_SOLVER}
  var status = document.getElementById('tip-status');
  function say(text) {
    if (status) status.textContent = text || '';
  }
  function message(name) {
    return form.getAttribute('data-msg-' + name) || '';
  }

  var locate = document.getElementById('tip-locate');
  if (locate && 'geolocation' in navigator) {
    locate.hidden = false;
    locate.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.elements.namedItem('lat').value = position.coords.latitude.toFixed(5);
          form.elements.namedItem('lon').value = position.coords.longitude.toFixed(5);
          say(message('located'));
        },
        function () {
          say(message('locate-failed'));
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  function solve(challenge) {
    return new Promise(function (resolve) {
      var next = 0;
      function slice() {
        var found = search(challenge, next, 20000);
        if (found) return resolve(found);
        next += 20000;
        setTimeout(slice, 0);
      }
      slice();
    });
  }

  function challengeFor() {
    var given = form.getAttribute('data-proof-challenge');
    if (given) return Promise.resolve({ required: true, challenge: given });
    return fetch(form.getAttribute('data-challenge'), { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (response) {
      return response.ok ? response.json() : { required: false };
    });
  }

  var sending = false;
  form.addEventListener('submit', function (event) {
    if (sending || !window.fetch || !window.Promise || !window.Int32Array) return;
    event.preventDefault();
    sending = true;
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    challengeFor()
      .then(function (offer) {
        if (!offer || offer.required !== true || typeof offer.challenge !== 'string') return null;
        say(message('working'));
        return solve(offer.challenge);
      })
      .catch(function () {
        return null;
      })
      .then(function (proof) {
        var action = form.getAttribute('action').split('?')[0];
        form.setAttribute('action', proof ? action + '?proof=' + encodeURIComponent(proof) : action);
        form.submit();
      });
  });
})();
`;
