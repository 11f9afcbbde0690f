/* JUMP — what every page does for keyboard and screen-reader users (WCAG 2.1 AA):
 * focus on the error summary or the message after a submit, announcements of changes made in
 * place (htmx), named and focusable scrolling regions, and the warning before the idle timeout
 * (with "Stay logged in" on one key). No inline script: the CSP allows only this file. */
(function () {
  'use strict';

  var body = document.body;
  var live = document.getElementById('live-announcer');

  function announce(text) {
    if (!live || !text) return;
    live.textContent = '';
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  /* --- after a submit: the error summary, else the message, takes the focus --- */
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[data-field]');
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target && link.dataset.field) {
        target = document.querySelector('main [name="' + CSS.escape(link.dataset.field) + '"]');
      }
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({block: 'center'});
      }
    });
  } else {
    var messages = document.querySelector('main .messages');
    if (messages && !document.querySelector('main [autofocus]')) messages.focus();
  }

  /* --- scrolling regions: focusable (so the keyboard can scroll them), with a role and name --- */
  function nameRegions(root) {
    var regions = (root || document).querySelectorAll('.table-responsive, [data-scroll-region]');
    Array.prototype.forEach.call(regions, function (region) {
      if (!region.hasAttribute('tabindex')) region.setAttribute('tabindex', '0');
      if (!region.hasAttribute('role')) region.setAttribute('role', 'region');
      if (!region.hasAttribute('aria-label') && !region.hasAttribute('aria-labelledby')) {
        var caption = region.querySelector('caption');
        var label = caption ? caption.textContent.trim() : '';
        if (!label) {
          var heading = region.closest('section, article, main');
          heading = heading && heading.querySelector('h1, h2, h3');
          label = heading ? heading.textContent.trim() : document.title;
        }
        region.setAttribute('aria-label', label);
      }
    });
  }
  nameRegions(document);

  /* --- changes made in place (htmx): keep the focus, announce what happened --- */
  document.body.addEventListener('htmx:afterSettle', function (event) {
    var root = event.detail && event.detail.elt ? event.detail.elt : document;
    nameRegions(root.parentNode || document);
    var said = document.querySelectorAll('[data-announce]');
    Array.prototype.forEach.call(said, function (element) {
      announce(element.textContent.trim());
      element.removeAttribute('data-announce');
    });
    var focus = document.querySelector('[data-focus-after-swap]');
    if (focus) {
      focus.removeAttribute('data-focus-after-swap');
      focus.focus();
    }
  });

  /* --- the kept form: put the values back into the page's own form --- */
  var restore = document.querySelector('[data-kept-restore]');
  var keptForm = document.getElementById('kept-form-send');
  if (restore && keptForm) {
    var pageForm = Array.prototype.find.call(
      document.querySelectorAll('main form[method=post]'),
      function (form) { return !form.closest('#kept-form') && form.querySelector('[name]:not([type=hidden])'); }
    );
    if (pageForm) {
      restore.hidden = false;
      restore.addEventListener('click', function () {
        var first = null;
        var inputs = keptForm.querySelectorAll('input[type=hidden]');
        Array.prototype.forEach.call(inputs, function (kept) {
          if (kept.name === 'csrfmiddlewaretoken') return;
          var fields = pageForm.querySelectorAll('[name="' + CSS.escape(kept.name) + '"]');
          if (!fields.length) {
            var copy = document.createElement('input');
            copy.type = 'hidden';
            copy.name = kept.name;
            copy.value = kept.value;
            pageForm.appendChild(copy);
            return;
          }
          Array.prototype.forEach.call(fields, function (field) {
            if (field.type === 'checkbox' || field.type === 'radio') {
              if (field.value === kept.value) field.checked = true;
            } else if (field.tagName === 'SELECT' && field.multiple) {
              Array.prototype.forEach.call(field.options, function (option) {
                if (option.value === kept.value) option.selected = true;
              });
            } else if (field.type !== 'file') {
              field.value = kept.value;
              if (!first && field.type !== 'hidden') first = field;
            }
          });
        });
        document.getElementById('kept-form').hidden = true;
        if (first) first.focus();
      });
    }
  }

  /* --- the idle timeout: warn before it, stay logged in with one key (SECURITY 6) --- */
  var dialog = document.getElementById('session-warning');
  var seconds = parseInt(body.dataset.sessionSeconds, 10);
  var warning = parseInt(body.dataset.sessionWarning, 10);
  if (!dialog || !seconds || typeof dialog.showModal !== 'function') return;

  var STORE = 'jump-session-deadline';
  var extendButton = dialog.querySelector('[data-session-extend]');
  var closeButton = dialog.querySelector('[data-session-close]');
  var deadline = 0;
  var timer = null;
  var before = null;

  function sharedDeadline() {
    var stored = 0;
    try { stored = parseInt(window.localStorage.getItem(STORE), 10) || 0; } catch (e) { stored = 0; }
    return Math.max(deadline, stored);
  }

  function touched() {
    deadline = Date.now() + seconds * 1000;
    try { window.localStorage.setItem(STORE, String(deadline)); } catch (e) { /* private mode */ }
    if (dialog.open && !dialog.dataset.ended) dialog.close();
    schedule();
  }

  function schedule() {
    window.clearTimeout(timer);
    var untilWarning = sharedDeadline() - warning * 1000 - Date.now();
    if (untilWarning > 0) {
      if (dialog.open && !dialog.dataset.ended) { dialog.close(); giveBackFocus(); }
      timer = window.setTimeout(schedule, untilWarning);
    } else if (sharedDeadline() > Date.now()) {
      warn();
    } else {
      ended();
    }
  }

  function warn() {
    var end = new Date(sharedDeadline());
    var time = dialog.querySelector('[data-session-end]');
    time.setAttribute('datetime', end.toISOString());
    time.textContent = end.toLocaleTimeString(document.documentElement.lang, {hour: '2-digit', minute: '2-digit'});
    if (!dialog.open) {
      before = document.activeElement;
      dialog.showModal();
    }
    extendButton.focus();
    timer = window.setTimeout(schedule, Math.max(sharedDeadline() - Date.now(), 0) + 250);
  }

  function ended() {
    dialog.dataset.ended = 'true';
    dialog.querySelector('[data-session-text]').hidden = true;
    dialog.querySelector('[data-session-ended]').hidden = false;
    extendButton.hidden = true;
    closeButton.hidden = false;
    if (!dialog.open) {
      before = document.activeElement;
      dialog.showModal();
    }
    closeButton.focus();
  }

  function giveBackFocus() {
    if (before && document.contains(before) && typeof before.focus === 'function') before.focus();
  }

  function extend() {
    var token = '';
    try { token = JSON.parse(body.getAttribute('hx-headers'))['X-CSRFToken']; } catch (e) { token = ''; }
    window.fetch(body.dataset.keepAliveUrl, {
      method: 'POST', credentials: 'same-origin', redirect: 'manual',
      headers: {'X-CSRFToken': token, 'X-Requested-With': 'XMLHttpRequest'}
    }).then(function (response) {
      if (response.status === 204) {
        dialog.close();
        touched();
        giveBackFocus();
        announce(dialog.querySelector('[data-session-extended]').textContent);
      } else {
        ended();
      }
    }, ended);
  }

  extendButton.addEventListener('click', extend);
  closeButton.addEventListener('click', function () { dialog.close(); giveBackFocus(); });
  dialog.addEventListener('cancel', function (event) {
    // Escape: stay logged in as well while that is possible.
    if (!dialog.dataset.ended) {
      event.preventDefault();
      extend();
    }
  });
  // Every htmx request to the server renews the session too.
  body.addEventListener('htmx:afterRequest', function (event) {
    if (event.detail && event.detail.successful) touched();
  });
  window.addEventListener('storage', function (event) {
    if (event.key === STORE && dialog.open && !dialog.dataset.ended && sharedDeadline() - Date.now() > warning * 1000) {
      dialog.close();
      giveBackFocus();
      schedule();
    }
  });
  touched();
}());
