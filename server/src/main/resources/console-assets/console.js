// Whether a page's live updates are connected: the element that opens the event stream gets
// data-live="on" once it is open and "off" when it is lost (the browser tests wait for "on").
document.addEventListener('htmx:sseOpen', function (e) { e.target.setAttribute('data-live', 'on'); });
document.addEventListener('htmx:sseError', function (e) { e.target.setAttribute('data-live', 'off'); });
