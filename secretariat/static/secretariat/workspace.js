// Drag and drop for the agenda builder. The up and down buttons do the same from the keyboard;
// this only fills the hidden reorder form with the new order and submits it (htmx posts it).
(function () {
  "use strict";
  let dragged = null;

  function listOf(element) {
    return element.closest("ol.agenda, ol.points");
  }

  document.addEventListener("dragstart", function (event) {
    const item = event.target.closest && event.target.closest("li[draggable=true]");
    if (!item) return;
    dragged = item;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.id);
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    const over = event.target.closest && event.target.closest("li[draggable=true]");
    if (!over || over === dragged || listOf(over) !== listOf(dragged)) return;
    event.preventDefault();
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
  });

  document.addEventListener("drop", function (event) {
    if (!dragged) return;
    event.preventDefault();
  });

  document.addEventListener("dragend", function () {
    if (!dragged) return;
    const list = listOf(dragged);
    dragged = null;
    const form = document.querySelector("form.reorder");
    if (!list || !form) return;
    const ids = Array.from(list.children)
      .filter(function (child) { return child.dataset && child.dataset.id; })
      .map(function (child) { return child.dataset.id; });
    form.querySelector("[name=order]").value = ids.join(",");
    form.querySelector("[name=parent]").value = list.dataset.parent || "";
    form.requestSubmit();
  });
})();
