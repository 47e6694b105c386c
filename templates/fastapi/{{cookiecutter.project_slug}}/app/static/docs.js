// Starts Swagger UI on /docs (app/api/docs.py) as FastAPI's own page does, from a file
// rather than an inline script, which the Content-Security-Policy refuses.
(function () {
  "use strict";
  const element = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: element.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [
      window.SwaggerUIBundle.presets.apis,
      window.SwaggerUIBundle.SwaggerUIStandalonePreset,
    ],
  });
})();
