export const EVENTS = {
  ORDER: "Order Completed",
  SIGNUP: "Signed Up",
} as const;
