class Feed {
    func open() {
        analytics.track(name: "Feed Opened", properties: ["unread": 3])
        Analytics.logEvent("share", parameters: ["content_type": "image"])
    }
}
