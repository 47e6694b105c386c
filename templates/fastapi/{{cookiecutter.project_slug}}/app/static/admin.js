// The admin's side of its CSRF protection (app/csrf.py): the session's token, from the
// page's <meta name="csrf-token">, goes with everything that changes something, as a
// hidden field of every form and a header of jQuery's and fetch's requests.
(function () {
  "use strict";
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (!meta) {
    return;
  }
  const token = meta.content;
  const safe = /^(GET|HEAD|OPTIONS|TRACE)$/i;

  document.querySelectorAll("form").forEach(function (form) {
    if (safe.test(form.method)) {
      return;
    }
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "csrf_token";
    field.value = token;
    form.prepend(field);
  });

  if (window.jQuery) {
    window.jQuery.ajaxPrefilter(function (options, original, xhr) {
      if (!safe.test(options.type || "GET")) {
        xhr.setRequestHeader("X-CSRF-Token", token);
      }
    });
  }

  const originalFetch = window.fetch;
  window.fetch = function (resource, init) {
    const options = Object.assign({}, init);
    if (!safe.test(options.method || "GET")) {
      const headers = new Headers(options.headers);
      headers.set("X-CSRF-Token", token);
      options.headers = headers;
    }
    return originalFetch.call(window, resource, options);
  };

  // The flash messages as toasts, as SQLAdmin's own inline script shows them.
  if (window.tabler) {
    document.querySelectorAll(".toast").forEach(function (element) {
      new window.tabler.bootstrap.Toast(element, { delay: 3000 }).show();
    });
  }
})();
