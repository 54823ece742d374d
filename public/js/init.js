// Starts every GOV.UK Frontend component on the page (error summary focus, header menu, radios…).
import { initAll } from "/govuk/govuk-frontend.min.js";

initAll();
