// Swap a video facade for the privacy-enhanced YouTube player when the visitor presses play.
// Without JavaScript the link opens the video on YouTube instead.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".video-facade__play");
  if (!link) return;
  const facade = link.closest(".video-facade");
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.src = facade.dataset.embed;
  frame.title = facade.dataset.title || "Video";
  frame.allow = "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture";
  frame.allowFullscreen = true;
  frame.loading = "lazy";
  facade.replaceChildren(frame);
});
