/*
 * Leadline booking widget: shows a booking link's free times in the visitor's time zone and books one.
 * No framework, no cookies. Put an element with data-leadline-booking="<booking url>" on the page and load
 * this script, or call LeadlineBooking.mount(element, bookingUrl) with the url from the form's answer
 * (answer.booking.url). Everything drawn is text (never HTML from the server).
 */
(function () {
  'use strict';
  var zone = (function () {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch (e) { return 'UTC'; }
  })();

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function day(iso) {
    return new Date(iso).toLocaleDateString(undefined, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' });
  }

  function time(iso) {
    return new Date(iso).toLocaleTimeString(undefined, { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  }

  function request(method, url, body) {
    var init = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'omit' };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function mount(root, url) {
    url = String(url).replace(/\/+$/, '');
    root.setAttribute('data-leadline-booking', url);
    root.classList.add('leadline-booking');
    var duration = 30;

    function say(text) {
      root.textContent = '';
      root.appendChild(el('p', { 'class': 'leadline-note' }, text));
    }

    function showSlots(answer, action, note) {
      root.textContent = '';
      if (note) { root.appendChild(el('p', { 'class': 'leadline-note', role: 'status' }, note)); }
      var slots = answer.slots || [];
      if (!slots.length) {
        root.appendChild(el('p', {}, 'No free times right now. We will be in touch.'));
        return;
      }
      root.appendChild(el('p', { 'class': 'leadline-zone' }, 'Times in ' + zone + ' · ' + answer.durationMinutes + ' minutes'));
      var current = null;
      var list = null;
      slots.forEach(function (slot) {
        var label = day(slot.startsAt);
        if (label !== current) {
          current = label;
          root.appendChild(el('h3', {}, label));
          list = el('div', { 'class': 'leadline-day' });
          root.appendChild(list);
        }
        var button = el('button', { type: 'button', 'data-starts-at': slot.startsAt }, time(slot.startsAt));
        button.addEventListener('click', function () { take(slot.startsAt, action); });
        list.appendChild(button);
      });
      if (answer.next) {
        var more = el('button', { type: 'button', 'class': 'leadline-more' }, 'Later times');
        more.addEventListener('click', function () {
          request('GET', answer.next.replace(/tz=[^&]*/, 'tz=' + encodeURIComponent(zone))).then(function (r) {
            if (r.status === 200) { showSlots(r.data, action); }
          });
        });
        root.appendChild(more);
      }
    }

    function showBooked(answer, note) {
      var meeting = answer.meeting;
      root.textContent = '';
      if (note) { root.appendChild(el('p', { 'class': 'leadline-note', role: 'status' }, note)); }
      root.appendChild(el('p', { 'class': 'leadline-booked' }, 'Your meeting with ' + meeting['with'] + ' is booked for '
        + day(meeting.startsAt) + ' at ' + time(meeting.startsAt) + ' (' + zone + ').'));
      var ics = el('a', { href: answer.links.ics }, 'Add to calendar');
      root.appendChild(el('p')).appendChild(ics);
      var move = el('button', { type: 'button' }, 'Move it');
      move.addEventListener('click', function () { load('reschedule'); });
      var cancel = el('button', { type: 'button' }, 'Cancel it');
      cancel.addEventListener('click', function () {
        if (!window.confirm('Cancel the meeting?')) { return; }
        request('POST', url + '/cancel', { timeZone: zone }).then(function (r) {
          if (r.status === 200) { load('', 'The meeting is cancelled. Book another time:'); }
          else { say((r.data && r.data.message) || 'That did not work; please try again.'); }
        });
      });
      root.appendChild(move);
      root.appendChild(cancel);
    }

    function take(startsAt, action) {
      var target = action === 'reschedule' ? url + '/reschedule' : url;
      say('Booking…');
      request('POST', target, { startsAt: startsAt, timeZone: zone }).then(function (r) {
        if (r.status === 200 || r.status === 201) {
          showBooked(r.data, action === 'reschedule' ? 'The meeting is moved.' : 'Booked. An invitation is on its way.');
        } else if (r.status === 409 && r.data.error === 'slot_taken') {
          showSlots({ slots: r.data.slots, durationMinutes: duration }, action, 'Someone was faster. These times are free:');
        } else {
          say((r.data && r.data.message) || 'That did not work; please try again.');
        }
      }, function () { say('The booking service cannot be reached; please try again.'); });
    }

    function load(action, note) {
      request('GET', url + '/slots?tz=' + encodeURIComponent(zone)).then(function (r) {
        if (r.status !== 200) { say((r.data && r.data.message) || 'This booking link is not known.'); return; }
        duration = r.data.durationMinutes;
        if (r.data.state === 'booked' && action !== 'reschedule') { showBooked(r.data); return; }
        showSlots(r.data, action, note || (r.data.state === 'cancelled' ? 'The meeting was cancelled. Book another time:' : ''));
      }, function () { say('The booking service cannot be reached; please try again.'); });
    }

    load('');
  }

  window.LeadlineBooking = { mount: mount };
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-leadline-booking]'), function (node) {
      var url = node.getAttribute('data-leadline-booking');
      if (url) { mount(node, url); }
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
