// A notice that confirms what the person just did is brought into view and given the focus, so that it is seen
// (and read by screen readers) even when the page opens scrolled elsewhere: the one marked data-focus-on-load, else
// the page's first confirmation (a status notice in the main content). Once the page has loaded (and the browser
// has scrolled to any fragment of the address), it is focused again unless the person has moved the focus already.
document.addEventListener('DOMContentLoaded', function () {
  var notice = document.querySelector('[data-focus-on-load]') || document.querySelector('main .notice[role="status"]');
  if (!notice) {
    return;
  }
  if (!notice.hasAttribute('tabindex')) {
    notice.setAttribute('tabindex', '-1');
  }
  notice.scrollIntoView({block: 'center'});
  notice.focus();
  window.addEventListener('load', function () {
    if (document.activeElement === document.body || document.activeElement === null) {
      notice.scrollIntoView({block: 'center'});
      notice.focus();
    }
  });
});
