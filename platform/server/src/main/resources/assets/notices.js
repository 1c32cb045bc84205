// A notice that confirms what the person just did is brought into view and given the focus, so that it is seen
// (and read by screen readers) even when the page opens scrolled elsewhere: the one marked data-focus-on-load, else
// the page's first confirmation (a status notice in the main content).
document.addEventListener('DOMContentLoaded', function () {
  var notice = document.querySelector('[data-focus-on-load]') || document.querySelector('main .notice[role="status"]');
  if (notice) {
    if (!notice.hasAttribute('tabindex')) {
      notice.setAttribute('tabindex', '-1');
    }
    notice.scrollIntoView({block: 'center'});
    notice.focus();
  }
});
