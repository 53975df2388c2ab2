// Keeps the progress bar current as items are answered. The survey works without it.
(function () {
  var form = document.querySelector("form.survey");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  if (!form || !bar || !text) return;
  var names = {};
  form.querySelectorAll("input[type=radio]").forEach(function (r) { names[r.name] = true; });
  function update() {
    var done = 0;
    Object.keys(names).forEach(function (n) {
      if (form.querySelector('input[name="' + n + '"]:checked')) done++;
    });
    bar.value = done;
    text.textContent = done + " of " + bar.max;
  }
  form.addEventListener("change", update);
  var problems = document.getElementById("problems");
  if (problems) {
    problems.focus({ preventScroll: true });
    problems.scrollIntoView({ block: "start" });
  }
})();
