import { trackStructEvent, trackSelfDescribingEvent } from "@snowplow/browser-tracker";

export function tracking() {
  trackStructEvent({ category: "video", action: "play", label: "intro", value: 2 });
  trackSelfDescribingEvent({
    event: {
      schema: "iglu:com.acme/link_clicked/jsonschema/1-0-0",
      data: { target_url: "https://example.com" },
    },
  });
  amplitude.track("Song Played", { genre: "rock" });
  datadogRum.addAction("checkout", { cart_size: 3 });
  braze.logCustomEvent("prime-for-push");
  heap.track("Purchase", { dollars: 50 });
  logEvent(analytics, "notification_received", { id: 1 });
}
