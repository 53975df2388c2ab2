// Keeps the progress bar current as items are answered, and tells a screen reader at each
// quarter, not at every answer. The survey works without it.
(function () {
  var form = document.querySelector("form.survey");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  if (!form || !bar || !text) return;
  var names = {};
  form.querySelectorAll("input[type=radio]").forEach(function (r) { names[r.name] = true; });
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
  var problems = document.getElementById("problems");
  if (problems) {
    problems.focus({ preventScroll: true });
    problems.scrollIntoView({ block: "start" });
  }
})();
