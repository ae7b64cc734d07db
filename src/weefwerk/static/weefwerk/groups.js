// Drag and drop on the group screen. The "Verplaats naar groep" list and button next to each
// name do the same by keyboard and without JavaScript; a drop fills in that list and sends it.
(function () {
  const list = document.querySelector("[data-groups][data-movable]");
  if (!list) return;
  let dragged = null;

  list.addEventListener("dragstart", (event) => {
    dragged = event.target.closest(".ww-member");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.person);
  });

  list.addEventListener("dragover", (event) => {
    const card = event.target.closest(".ww-group");
    if (!dragged || !card) return;
    event.preventDefault();
    list.querySelectorAll(".ww-group--drop").forEach((c) => c.classList.remove("ww-group--drop"));
    card.classList.add("ww-group--drop");
  });

  list.addEventListener("dragleave", (event) => {
    const card = event.target.closest(".ww-group");
    if (card && !card.contains(event.relatedTarget)) card.classList.remove("ww-group--drop");
  });

  list.addEventListener("drop", (event) => {
    const card = event.target.closest(".ww-group");
    if (!dragged || !card) return;
    event.preventDefault();
    card.classList.remove("ww-group--drop");
    const form = dragged.querySelector("form[data-move-form]");
    const select = form && form.querySelector("select[name=group]");
    if (!select || select.value === card.dataset.group) return;
    select.value = card.dataset.group;
    form.submit();
  });

  list.addEventListener("dragend", () => {
    dragged = null;
    list.querySelectorAll(".ww-group--drop").forEach((c) => c.classList.remove("ww-group--drop"));
  });
})();
