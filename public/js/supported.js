// Runs first thing in <body>: marks the page as having JavaScript, and GOV.UK Frontend as supported
// where the browser has ES modules, so components style themselves before they start.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
