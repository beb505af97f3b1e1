class Checkout {
  void done(Context context) {
    Analytics.with(context).track("Order Completed", new Properties().putValue("revenue", 39.95));
  }
}
