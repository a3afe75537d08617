/* Starts Swagger UI on the API documentation page.
   A static file rather than drf-spectacular's inline script, so that the Content-Security-Policy
   needs no 'unsafe-inline': the page passes the schema URL and settings as data attributes. */
(function () {
  "use strict";

  var root = document.getElementById("swagger-ui");
  if (!root || !window.SwaggerUIBundle) {
    return;
  }
  var settings = JSON.parse(root.dataset.settings || "{}");
  var csrfHeader = root.dataset.csrfHeader;
  var csrfToken = root.dataset.csrfToken;

  function requestInterceptor(request) {
    // Only same-origin writes carry the CSRF token; reads and other sites never see it.
    if (request.method && request.method !== "GET" && request.credentials === "same-origin") {
      request.headers[csrfHeader] = csrfToken;
    }
    return request;
  }

  var options = {
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor: requestInterceptor,
  };
  Object.keys(settings).forEach(function (key) {
    options[key] = settings[key];
  });
  window.ui = window.SwaggerUIBundle(options);
})();
