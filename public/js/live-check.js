// Live policy feedback as you type (progressive enhancement: without it, the "Check" button does the
// same on the server). Sends the draft to the page endpoint named by the form's data-live-check, with
// the form's CSRF token, and shows the findings it returns under the text box.
const form = document.querySelector("form[data-live-check]");
const text = form?.querySelector("textarea[name=text]");
const out = document.getElementById("live-findings");

if (form && text && out) {
  let timer;
  let latest = 0;
  const run = async () => {
    const ticket = ++latest;
    const body = new URLSearchParams();
    body.set("_csrf", form.querySelector("input[name=_csrf]")?.value ?? "");
    body.set("text", text.value);
    const account = form.querySelector("select[name=accountId]");
    if (account) body.set("accountId", account.value);
    try {
      const res = await fetch(form.dataset.liveCheck, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { accept: "text/html" },
      });
      // The server escapes the post's words in this fragment; only the newest answer is shown.
      if (ticket === latest && (res.ok || res.status === 422)) out.innerHTML = await res.text();
    } catch {
      // Offline or the server is busy: the Check button still works.
    }
  };
  text.addEventListener("input", () => {
    clearTimeout(timer);
    if (text.value.trim() === "") {
      out.textContent = "";
      return;
    }
    timer = setTimeout(run, 500);
  });
}
