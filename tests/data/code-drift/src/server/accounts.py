import analytics

SIGNED_UP = "Signed Up"


def sign_up(user_id, plan):
    analytics.track(user_id, SIGNED_UP, {"plan": plan})
    analytics.track(user_id, "signed up", {"plan": plan})
    # trackinglint: ignore[TL306]
    analytics.track(user_id, event_name_from(plan))
    analytics.track(user_id, SIGNED_UP, {"plan": 3})
