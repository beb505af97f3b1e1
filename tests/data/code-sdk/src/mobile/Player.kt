class Player {
    fun play() {
        amplitude.track("Song Played", mapOf("genre" to "pop"))
        firebaseAnalytics.logEvent(FirebaseAnalytics.Event.SELECT_ITEM) { param("item_id", "sku-1") }
    }
}
