import { EVENTS } from "./events";

export function pay(order: Order) {
  analytics.track(EVENTS.ORDER, { order_id: order.id, revenue: 25.5, currency: "EUR" });
  analytics.track("Order Compleeted", { order_id: order.id });
  analytics.track(EVENTS.ORDER, { revenue: "25", currency: "GBP", coupon: "SPRING" });
  analytics.track(EVENTS.ORDER, { ...order.tracking, currency: "USD" });
  analytics.track(`Viewed ${order.page}`);
  // trackinglint: ignore[TL301]
  analytics.track("Legacy Checkout");
  analytics.track("Legacy Cart"); // trackinglint: ignore[unplanned-event]
}
