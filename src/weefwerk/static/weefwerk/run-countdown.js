// Countdown for run mode: minutes and seconds left in the current item, updated every second.
(function () {
  const timer = document.querySelector(".ww-run__countdown[data-ends]");
  if (!timer) return;
  const ends = new Date(timer.dataset.ends).getTime();
  const late = timer.dataset.lateText;
  const tick = () => {
    const left = Math.round((ends - Date.now()) / 1000);
    const abs = Math.abs(left);
    const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
    timer.textContent = left >= 0 ? text : `+${text} ${late}`;
    timer.classList.toggle("ww-run__countdown--late", left < 0);
  };
  tick();
  setInterval(tick, 1000);
})();
