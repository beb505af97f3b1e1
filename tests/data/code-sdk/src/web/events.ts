// Event names kept in one place, as teams do.
export const EVENTS = {
  ORDER_COMPLETED: "Order Completed",
  ARTICLE_BOOKMARKED: "Article Bookmarked",
} as const;

export enum Funnel {
  SignedUp = "Signed Up",
}
