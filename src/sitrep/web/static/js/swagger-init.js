// Starts swagger-ui (served from this server) on the app's OpenAPI description; no external validator.
"use strict";
window.addEventListener("load", function () {
  const node = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({url: node.dataset.spec, dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true});
});
