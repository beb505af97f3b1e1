import { EVENTS, Funnel } from "@/web/events";
import posthog from "posthog-js";

export function Checkout({ order }: { order: Order }) {
  const onPay = () => {
    analytics.track(EVENTS.ORDER_COMPLETED, {
      order_id: order.id,
      revenue: 25.0,
      currency: "USD",
    });
  };
  posthog.capture(Funnel.SignedUp, { plan: "pro" });
  gtag("event", "purchase", { transaction_id: "T_12345", value: 25.42 });
  gtag("config", "G-XXXXXXX");
  window.dataLayer.push({ event: "add_to_cart", ecommerce: { value: 7.77 } });
  mixpanel.track(`Viewed ${order.kind}`);
  trackEvent("Coupon Applied", { code: "SPRING" });
  return <button onClick={onPay}>Pay</button>;
}
