// Company form: show the CVR field for Danish companies and the register court and number for
// German ones. Without JavaScript all three stay visible and the server ignores the other
// country's fields.
(function () {
  "use strict";
  var country = document.getElementById("id_country");
  if (!country) {
    return;
  }
  var danish = ["div_id_cvr"];
  var german = ["div_id_register_court", "div_id_register_number"];

  function show(ids, visible) {
    ids.forEach(function (id) {
      var element = document.getElementById(id);
      if (element) {
        element.hidden = !visible;
      }
    });
  }

  function update() {
    show(danish, country.value !== "DE");
    show(german, country.value !== "DK");
  }

  country.addEventListener("change", update);
  update();
})();
