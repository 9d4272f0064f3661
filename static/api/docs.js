// Starts Swagger UI on the API documentation page (/api/v1/docs/). A file, not an inline
// script: the site's Content-Security-Policy allows scripts from this origin only.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    domNode: root,
    deepLinking: true,
    // Read-only API: "Try it out" sends GET requests to this origin only.
    supportedSubmitMethods: ["get", "head"],
    // No call to validator.swagger.io (the CSP would block it, and it leaks the address).
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
