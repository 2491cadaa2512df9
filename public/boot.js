// Readiness start-up, run before the page is drawn (an external script, so the CSP needs no
// inline one). It has jobs that must never fail the page:
//  1. On the app's page (index.html) with a bundled checklist in the address (#/c/<file>) and no
//     answers saved for it in this browser, go to that checklist's static page
//     (checklists/<stem>.html, written at build time by `readiness pages`), which paints the
//     checklist before the wasm arrives. The map of static pages is filled in by
//     scripts/postbuild.mjs; in a debug build it is empty.
//  2. Start downloading the checklist named in the address (#/c/<file>, #/u/<url> or ?src=<url>)
//     while the app loads; src/ui/platform/net.rs takes the response over.
//  3. On a static page, when this browser has saved answers for what it shows (the landing page;
//     a checklist's static page reached directly), mark the page as not yet live (html.not-live):
//     its ticks, score and verdict are those of empty answers, so they stay hidden until the app
//     has drawn the saved ones. A link to one of the checklist's headings scrolls to it.
//  4. On the landing page's static copy, before the app is live: a file picked or dropped, or
//     Markdown pasted and submitted, is kept (window.__readinessEarly) with a visible note, and
//     the app opens it once it is live (src/ui/team/transfer.rs); Markdown typed but not
//     submitted is carried into the app's paste box.
(function () {
  // Bundled checklist file → its static page (scripts/postbuild.mjs's staticPath).
  var PRERENDERED = {/* __PRERENDERED__ */};
  var root = document.documentElement;
  var page = root.getAttribute('data-prerendered'); // "home", "c:<file>" or null
  var hash = /^#\/*c\/([^/?]+)/.exec(location.hash);
  var file = null;
  try {
    file = hash ? decodeURIComponent(hash[1]) : null;
  } catch (e) {}
  // A checklist opened from a URL: ?src=<url> (the app moves it into #/u/<url>) or #/u/<url>.
  var src = null;
  try {
    var u = /^#\/*u\/([^/?]+)/.exec(location.hash);
    src = u ? decodeURIComponent(u[1]) : new URLSearchParams(location.search).get('src');
    src = src && src.trim() ? new URL(src, location.href) : null;
    if (src && src.protocol !== 'https:' && src.protocol !== 'http:') src = null;
  } catch (e) {
    src = null;
  }

  // Whether this browser has answers saved for a checklist page ("c:<file>"); unreadable storage
  // counts as saved (a static page would have nothing right to show).
  var savedFor = function (id) {
    try {
      return localStorage.getItem('readiness:v1:answers:' + id) !== null;
    } catch (e) {
      return true;
    }
  };

  // 1. The static page of the checklist in the address, unless answers are saved for it here: the
  //    static page shows empty answers, so it would have to hide its ticks, score and verdict until
  //    the app has started, which is later than the app draws the page itself.
  if (file && page === 'home' && Object.prototype.hasOwnProperty.call(PRERENDERED, file) && !savedFor('c:' + file)) {
    location.replace(PRERENDERED[file] + location.hash);
    return;
  }
  // Whether this page's static copy shows what the address names. If it does, the app starts
  // after the copy has been painted (window.__readinessPaintFirst, read by the loader that
  // scripts/postbuild.mjs adjusts); if not (the landing page's copy under #/audit, #/u/…, or a
  // checklist without a static page), the copy is never shown: the app draws the page.
  var route = src ? 'other' : /^#?\/*$/.test(location.hash) ? 'home' : file ? 'c:' + file : 'other';
  var shown = !!page && (route === page || (page !== 'home' && route === 'home' && !location.hash));
  window.__readinessPaintFirst = shown;
  if (page && !shown) root.classList.add('other-page');
  if (!file && page && page.indexOf('c:') === 0) file = page.slice(2);

  // 2. The checklist's download, under the name the app asks for: relative to the app's page for
  //    a bundled one, the absolute URL (as the app makes it absolute) for one opened from a URL.
  var up = page && page !== 'home' ? '../' : '';
  if ((file || src) && window.fetch) {
    try {
      var url = src ? src.href : 'checklists/' + encodeURIComponent(file);
      var response = fetch(src ? url : up + url);
      response.catch(function () {});
      window.__readinessPrefetch = { url: url, response: response };
    } catch (e) {}
  }

  // 3. Saved state the static page cannot show.
  if (page) {
    var saved = false;
    try {
      if (page === 'home') {
        for (var i = 0; i < localStorage.length; i++) {
          var k = localStorage.key(i) || '';
          if (k.indexOf('readiness:v1:meta:') === 0 || k === 'readiness:v1:opened') saved = true;
        }
      } else {
        saved = savedFor(page);
      }
    } catch (e) {
      saved = true; // storage unreadable: show nothing that may be wrong
    }
    if (saved) root.classList.add('not-live');
    // A link to one of the checklist's headings (`a[data-anchor]`): scrolled to here, as the app
    // does once live (the bare anchor would change the route).
    document.addEventListener('click', function (e) {
      var a = e.target && e.target.closest ? e.target.closest('#boot a[data-anchor]') : null;
      if (!a) return;
      e.preventDefault();
      var heading = document.getElementById('s-' + a.getAttribute('data-anchor'));
      if (heading) heading.scrollIntoView();
    }, true);
  }

  // 4. Input on the landing page's static copy before the app is live: kept, with a note, and
  //    handed to the app (which reads window.__readinessEarly once it is live).
  if (page === 'home') {
    var inCopy = function (e) {
      var boot = document.getElementById('boot');
      return boot && boot.getAttribute('data-live') === 'static' && e.target && boot.contains(e.target) ? boot : null;
    };
    var keep = function (boot, what, name) {
      window.__readinessEarly = what;
      var section = boot.querySelector('.open-own') || boot;
      var note = section.querySelector('[data-testid=early-note]');
      if (!note) {
        note = document.createElement('p');
        note.className = 'notice';
        note.setAttribute('role', 'status');
        note.setAttribute('data-testid', 'early-note');
        section.appendChild(note);
      }
      note.textContent = 'Opening ' + name + ' as soon as the app has started…';
    };
    document.addEventListener('change', function (e) {
      var boot = inCopy(e);
      if (boot && e.target.id === 'open-file' && e.target.files && e.target.files[0]) {
        keep(boot, { file: e.target.files[0] }, '“' + e.target.files[0].name + '”');
      }
    }, true);
    // Only the "Open your own checklist" drop zone takes a checklist.
    var ownZone = function (e) {
      return inCopy(e) && e.target.closest && e.target.closest('.open-own') ? inCopy(e) : null;
    };
    document.addEventListener('dragover', function (e) {
      if (ownZone(e)) e.preventDefault();
    }, true);
    document.addEventListener('drop', function (e) {
      var boot = ownZone(e);
      if (!boot) return;
      e.preventDefault();
      var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (f) keep(boot, { file: f }, '“' + f.name + '”');
    }, true);
    document.addEventListener('input', function (e) {
      if (inCopy(e) && e.target.id === 'paste-md' && !(window.__readinessEarly || {}).file) {
        window.__readinessEarly = { draft: e.target.value };
      }
    }, true);
    document.addEventListener('submit', function (e) {
      var boot = inCopy(e);
      if (!boot) return;
      e.preventDefault();
      var text = e.target.querySelector('#paste-md');
      if (text && text.value.trim()) keep(boot, { text: text.value }, 'the pasted checklist');
    }, true);
  }
})();
