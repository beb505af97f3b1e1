class BookmarkJob
  def perform(user)
    Analytics.track(user_id: user.id, event: "Article Bookmarked", properties: { title: "Snow Fall", subtitle: nil })
  end
end
