// Whether a page's live updates are connected: the element that opens the event stream gets
// data-live="on" once it is open and "off" when it is lost (the browser tests wait for "on").
document.addEventListener('htmx:sseOpen', function (e) { e.target.setAttribute('data-live', 'on'); });
document.addEventListener('htmx:sseError', function (e) { e.target.setAttribute('data-live', 'off'); });

// A button with data-copy="<id>" copies that element's text (the Forms page's HTML to embed) and says so.
document.addEventListener('click', function (e) {
  var button = e.target.closest('[data-copy]');
  if (!button || !navigator.clipboard) { return; }
  navigator.clipboard.writeText(document.getElementById(button.getAttribute('data-copy')).textContent).then(function () {
    button.textContent = 'Copied';
  });
});
