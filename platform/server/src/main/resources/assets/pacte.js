/*
 * Pacte's page behaviour, added to pages that work without it.
 * The menu: on a narrow screen (a phone) it folds behind a "Menu" button (aria-expanded, Escape closes it and gives
 * the focus back to the button); on a wide screen, or without this script, it is always shown.
 */
(function () {
  'use strict';

  function menu() {
    var nav = document.querySelector('nav.main-nav');
    var button = nav && nav.querySelector('.menu-toggle');
    if (!button) {
      return;
    }
    var narrow = window.matchMedia('(max-width: 48rem)');
    function show(open) {
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      nav.classList.toggle('menu-closed', !open);
    }
    function fit() {
      button.hidden = !narrow.matches;
      show(!narrow.matches);
    }
    button.addEventListener('click', function () {
      show(button.getAttribute('aria-expanded') !== 'true');
    });
    nav.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && narrow.matches && button.getAttribute('aria-expanded') === 'true') {
        show(false);
        button.focus();
      }
    });
    if (narrow.addEventListener) {
      narrow.addEventListener('change', fit);
    }
    fit();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', menu);
  } else {
    menu();
  }
}());
