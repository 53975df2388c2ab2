// Keeps the progress bar current as items are answered, and tells a screen reader at each
// quarter, not at every answer. The survey works without it.
(function () {
  var form = document.querySelector("form.survey");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  if (!form || !bar || !text) return;
  var names = {};
  form.querySelectorAll("input[type=radio]").forEach(function (r) { names[r.name] = true; });
  // A count of characters under each comment box that has a limit, so nobody finds the limit by
  // typing into it.
  form.querySelectorAll("textarea[maxlength]").forEach(function (box) {
    var count = document.createElement("p");
    count.className = "count";
    box.insertAdjacentElement("afterend", count);
    var limit = Number(box.getAttribute("maxlength"));
    function show() { count.textContent = box.value.length + " of " + limit.toLocaleString("en") + " characters"; }
    box.addEventListener("input", show);
    show();
  });
  var milestone = document.getElementById("progress-milestone");
  function quarter(done) { return Math.floor(done * 4 / bar.max); }
  var announced = quarter(bar.value);
  function update() {
    var done = 0;
    Object.keys(names).forEach(function (n) {
      if (form.querySelector('input[name="' + n + '"]:checked')) done++;
    });
    bar.value = done;
    text.textContent = done + " of " + bar.max;
    var q = quarter(done);
    if (milestone && q > announced) {
      milestone.textContent = done === bar.max ? "All " + done + " statements answered." : done + " of " + bar.max + " statements answered.";
    }
    announced = Math.max(announced, q);
  }
  form.addEventListener("change", update);

  // Autosave: a few seconds after a change, the answers are saved as a draft in the background
  // (the same draft the "Save and finish later" button keeps), and the bar says when. Leaving
  // with changes not yet saved asks first. The page holds no token: the draft address is this
  // page's own address, which the browser already has.
  var status = document.getElementById("autosave-status");
  var draftURL = location.pathname.replace(/\/$/, "") + "/draft";
  var timer = null, dirty = false, leaving = false;
  function say(s) { if (status) status.textContent = s; }
  function save() {
    timer = null;
    if (!dirty) return;
    dirty = false;
    var body = new URLSearchParams(new FormData(form));
    body.delete("_action");
    fetch(draftURL, { method: "POST", body: body, redirect: "manual", credentials: "same-origin" })
      .then(function (r) {
        if (r.type === "opaqueredirect" || r.ok) {
          var now = new Date();
          say("Saved at " + now.getHours() + ":" + String(now.getMinutes()).padStart(2, "0"));
        } else if (r.status === 422) {
          // A comment over its limit: nothing is wrong with the survey, only with that text.
          dirty = true;
          say("Not saved yet: a comment is longer than its limit. Shorten it and your answers are saved again.");
        } else {
          dirty = true;
          say("Not saved: the survey may have closed. Reload the page to see why.");
        }
      })
      .catch(function () { dirty = true; say("Not saved yet: check your connection."); });
  }
  function changed() {
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 2000);
  }
  form.addEventListener("change", changed);
  form.addEventListener("input", changed);
  form.addEventListener("submit", function () {
    leaving = true;
    try { sessionStorage.setItem("threesixty-scroll", String(window.scrollY)); } catch (e) {}
  });
  window.addEventListener("beforeunload", function (e) {
    if (dirty && !leaving) { e.preventDefault(); e.returnValue = ""; }
  });
  // Coming back to a survey begun earlier, the page opens at the first statement not yet answered.
  if (!location.hash && !/[?&]saved=1/.test(location.search) && !document.getElementById("problems")) {
    var done = Number(bar.value);
    if (done > 0 && done < Number(bar.max)) {
      var first = Array.prototype.find.call(form.querySelectorAll("fieldset.item"), function (f) {
        return !f.querySelector("input:checked");
      });
      if (first) first.scrollIntoView({ block: "start" });
    }
  }
  // After "Save and finish later" the page comes back where the rater was, not at the top.
  if (/[?&]saved=1/.test(location.search)) {
    try {
      var y = sessionStorage.getItem("threesixty-scroll");
      sessionStorage.removeItem("threesixty-scroll");
      if (y !== null) { window.scrollTo(0, +y); say("Saved"); }
    } catch (e) {}
  }
  var problems = document.getElementById("problems");
  if (problems) {
    problems.focus({ preventScroll: true });
    problems.scrollIntoView({ block: "start" });
  }
})();
