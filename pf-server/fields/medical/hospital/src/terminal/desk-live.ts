/**
 * @module The desk screen's live part (bundled by the hospital's server): when the server says something happened
 * at a terminal (Server-Sent Events), the panel is fetched again and swapped in. EventSource reconnects by itself.
 */
const panel = document.getElementById("desk-live");
if (panel) {
  let refreshing = false;
  const refresh = async () => {
    if (refreshing) return;
    refreshing = true;
    try {
      const response = await fetch("/desk/panel", { headers: { accept: "text/html" } });
      if (response.ok) panel.innerHTML = await response.text();
      else if (response.status === 401) location.href = "/login?next=/desk";
    } finally {
      refreshing = false;
    }
  };
  const events = new EventSource("/desk/events");
  events.addEventListener("changed", () => void refresh());
  // The panel reads times ("expires in …"); keep it fresh even when nothing happens.
  setInterval(() => void refresh(), 30_000);
}
