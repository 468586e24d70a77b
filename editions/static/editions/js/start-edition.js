// "Start a new edition": when the editor picks another edition to copy from, fill the form in
// with what editions/proposal.py proposes for it (templates/editions/start.html holds the
// proposals as JSON), leaving alone every field the editor has changed. Loaded in the head
// with the form's media, so it waits for the page.
document.addEventListener("DOMContentLoaded", function () {
  var data = document.getElementById("edition-proposals");
  var source = document.getElementById("id_copy_from");
  if (!data || !source) return;
  var proposals = JSON.parse(data.textContent);
  var shown = proposals[source.value] || {};
  source.addEventListener("change", function () {
    var proposal = proposals[source.value] || {};
    ["name", "hostname", "start", "end", "time_zone"].forEach(function (name) {
      var input = document.getElementById("id_" + name);
      if (input && input.value === (shown[name] || "")) input.value = proposal[name] || "";
    });
    shown = proposal;
  });
});
