// A notice that confirms what the person just did is brought into view and given the focus, so that it is seen
// (and read by screen readers) even when the page opens scrolled elsewhere.
document.addEventListener('DOMContentLoaded', function () {
  var notice = document.querySelector('[data-focus-on-load]');
  if (notice) {
    notice.scrollIntoView({block: 'center'});
    notice.focus();
  }
});
