// Starts Swagger UI in #swagger-ui for the OpenAPI document its data-openapi-url names.
// A file rather than an inline script, so that the Content-Security-Policy can forbid
// inline scripts. No validatorUrl: Swagger UI would otherwise send the document to
// validator.swagger.io.
window.addEventListener("load", function () {
  var element = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: element.dataset.openapiUrl,
    domNode: element,
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis],
  });
});
