// The print button of a stored assessment (shown only where JavaScript runs) and the print dialogue that
// opens by itself when the assessment was stored for printing.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  if (document.querySelector("[data-autoprint]")) window.print();
});
