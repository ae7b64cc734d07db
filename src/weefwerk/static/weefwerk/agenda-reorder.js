// Drag and drop for the agenda editor. The Omhoog/Omlaag buttons do the same by keyboard;
// after a drop the new order is posted and the page reloads with the new clock times.
(function () {
  const list = document.querySelector(".ww-agenda[data-reorder-form]");
  if (!list) return;
  const form = document.getElementById(list.dataset.reorderForm);
  let dragged = null;

  list.addEventListener("dragstart", (event) => {
    dragged = event.target.closest(".ww-agenda__item");
    if (!dragged) return;
    dragged.classList.add("ww-agenda__item--dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.item);
  });

  list.addEventListener("dragover", (event) => {
    if (!dragged) return;
    event.preventDefault();
    const over = event.target.closest(".ww-agenda__item");
    if (!over || over === dragged) return;
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });

  list.addEventListener("dragend", () => {
    if (!dragged) return;
    dragged.classList.remove("ww-agenda__item--dragging");
    dragged = null;
    form.querySelectorAll("input[name=item]").forEach((input) => input.remove());
    list.querySelectorAll(".ww-agenda__item").forEach((item) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "item";
      input.value = item.dataset.item;
      form.appendChild(input);
    });
    form.submit();
  });
})();
