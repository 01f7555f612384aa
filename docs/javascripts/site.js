// Site behaviour on top of mkdocs-material (loaded deferred, after the theme's bundle).
//
// Figures open enlarged. Every figure image is wrapped in a link to its own file (a.bnviz-zoom,
// written by the site's hooks; without this script the link simply opens the file). A click,
// or Enter on the focused link, shows the image in a modal dialog in the current palette:
// "Enlarge" doubles it (scroll to pan), Escape, "Close" or a click beside the image closes it,
// and focus returns to the figure's link.
(function () {
  "use strict";
  let dialog, image, caption, size;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "bnviz-zoom-dialog";
    dialog.innerHTML =
      '<div class="bnviz-zoom-bar md-typeset">' +
      '<button type="button" class="md-button bnviz-zoom-size" aria-pressed="false">' +
      "Enlarge</button>" +
      '<button type="button" class="md-button bnviz-zoom-close" autofocus>Close</button>' +
      "</div>" +
      '<div class="bnviz-zoom-body"><img alt=""></div>' +
      '<div class="bnviz-zoom-caption md-typeset"></div>';
    image = dialog.querySelector("img");
    caption = dialog.querySelector(".bnviz-zoom-caption");
    size = dialog.querySelector(".bnviz-zoom-size");
    dialog.querySelector(".bnviz-zoom-close").addEventListener("click", () => dialog.close());
    size.addEventListener("click", toggleSize);
    image.addEventListener("click", toggleSize);
    dialog.addEventListener("click", (event) => {
      const beside = event.target === dialog || event.target.classList.contains("bnviz-zoom-body");
      if (beside) dialog.close();
    });
    dialog.addEventListener("close", () => {
      document.documentElement.classList.remove("bnviz-zoom-open");
      image.removeAttribute("src");
    });
    document.body.appendChild(dialog);
  }

  function toggleSize(event) {
    event.stopPropagation();
    const large = dialog.classList.toggle("bnviz-zoom-large");
    size.setAttribute("aria-pressed", String(large));
    size.textContent = large ? "Fit to screen" : "Enlarge";
  }

  function open(link) {
    if (!dialog) build();
    const shown = link.querySelector("img");
    image.src = link.getAttribute("href").split("#")[0];
    image.alt = shown.alt;
    image.style.setProperty("--bnviz-width", `${shown.getAttribute("width") || 800}px`);
    const figcaption = link.closest("figure")?.querySelector("figcaption");
    caption.innerHTML = figcaption ? figcaption.innerHTML : "";
    caption.hidden = !figcaption;
    dialog.setAttribute("aria-label", `Figure, enlarged: ${shown.alt}`);
    dialog.classList.remove("bnviz-zoom-large");
    size.setAttribute("aria-pressed", "false");
    size.textContent = "Enlarge";
    document.documentElement.classList.add("bnviz-zoom-open");
    dialog.showModal();
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.bnviz-zoom");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    open(link);
  });
})();

// Wide tables scroll sideways in a wrapper the theme adds; a wrapper that scrolls can take the
// keyboard focus (arrow keys scroll it) and gets a name, as do the code blocks' button bars.
(function () {
  "use strict";
  function focusable() {
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (wrap.scrollWidth <= wrap.clientWidth) continue;
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table (scrolls sideways)");
    }
    // the theme gives each code block's buttons a <nav>; landmarks need distinct names
    document.querySelectorAll("nav.md-code__nav").forEach((nav, i) => {
      if (!nav.hasAttribute("aria-label")) nav.setAttribute("aria-label", `Code block ${i + 1}`);
    });
  }
  // the theme wraps tables once it has mounted the page (document$ is its page observable)
  if (window.document$) window.document$.subscribe(focusable);
  else document.addEventListener("DOMContentLoaded", focusable);
})();
